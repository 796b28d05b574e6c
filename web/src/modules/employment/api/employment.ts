import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddFairEmployerBody,
  AttendanceBody,
  Certificate,
  Course,
  CourseDetail,
  CreateCourseBody,
  EmploymentFigures,
  EmploymentSettings,
  EnrolResult,
  IssueCertificateBody,
  Programme,
  CreateFairBody,
  CreatePositionBody,
  CreateSeekerBody,
  EndPlacementBody,
  FollowUp,
  FollowUpBody,
  Fair,
  FairCategory,
  FairDetail,
  Page,
  PlaceBody,
  Position,
  PositionMatch,
  RecommendBody,
  RecommendationResultBody,
  Seeker,
  SeekerChannel,
  SeekerDetail,
  SeekerMatch,
  SeekerSituation,
  SeekerStatus,
  SeekerStatusBody,
} from '@gonghui/contracts';
import { apiGet, apiPost, apiRequest } from '../../../api/client.ts';

export interface FairFilters {
  q: string;
  category?: FairCategory;
  from?: string;
  to?: string;
  orgUnitId?: number;
  sort: 'heldOn' | 'title';
  order: 'asc' | 'desc';
}

export interface SeekerFilters {
  q: string;
  situation?: SeekerSituation;
  status?: SeekerStatus;
  registeredVia?: SeekerChannel;
  fairId?: number;
  orgUnitId?: number;
  sort: 'registeredOn' | 'name' | 'statusSince';
  order: 'asc' | 'desc';
}

interface Paging {
  page: number;
  pageSize: number;
}

export const employmentKeys = {
  all: ['employment'] as const,
  fairs: (p: FairFilters & Paging) => ['employment', 'fairs', p] as const,
  fair: (id: number) => ['employment', 'fair', id] as const,
  seekers: (p: SeekerFilters & Paging) => ['employment', 'seekers', p] as const,
  seeker: (id: number) => ['employment', 'seeker', id] as const,
  seekerMatches: (id: number) => ['employment', 'seeker-matches', id] as const,
  positionMatches: (id: number) => ['employment', 'position-matches', id] as const,
};

/** The fair filters as query parameters, leaving out what is not set. */
export function fairQuery(f: FairFilters) {
  return {
    q: f.q || undefined,
    category: f.category,
    from: f.from,
    to: f.to,
    orgUnitId: f.orgUnitId,
    sort: f.sort,
    order: f.order,
  };
}

export function seekerQuery(f: SeekerFilters) {
  return {
    q: f.q || undefined,
    situation: f.situation,
    status: f.status,
    registeredVia: f.registeredVia,
    fairId: f.fairId,
    orgUnitId: f.orgUnitId,
    sort: f.sort,
    order: f.order,
  };
}

export function useFairList(p: FairFilters & Paging) {
  return useQuery({
    queryKey: employmentKeys.fairs(p),
    queryFn: ({ signal }) =>
      apiGet<Page<Fair>>(
        '/employment/fairs',
        { ...fairQuery(p), page: p.page, pageSize: p.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useFair(id: number) {
  return useQuery({
    queryKey: employmentKeys.fair(id),
    queryFn: ({ signal }) => apiGet<FairDetail>(`/employment/fairs/${id}`, undefined, signal),
  });
}

export function useSeekerList(p: SeekerFilters & Paging) {
  return useQuery({
    queryKey: employmentKeys.seekers(p),
    queryFn: ({ signal }) =>
      apiGet<Page<Seeker>>(
        '/employment/seekers',
        { ...seekerQuery(p), page: p.page, pageSize: p.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSeeker(id: number) {
  return useQuery({
    queryKey: employmentKeys.seeker(id),
    queryFn: ({ signal }) => apiGet<SeekerDetail>(`/employment/seekers/${id}`, undefined, signal),
  });
}

export function useSeekerMatches(id: number, enabled: boolean) {
  return useQuery({
    queryKey: employmentKeys.seekerMatches(id),
    queryFn: ({ signal }) => apiGet<PositionMatch[]>(`/employment/seekers/${id}/matches`, undefined, signal),
    enabled,
  });
}

export function usePositionMatches(id: number | null) {
  return useQuery({
    queryKey: employmentKeys.positionMatches(id ?? 0),
    queryFn: ({ signal }) => apiGet<SeekerMatch[]>(`/employment/positions/${id}/matches`, undefined, signal),
    enabled: id !== null,
  });
}

/** A write refreshes everything the module shows, the workbench and the log. */
function useEmploymentWrite<TInput, TResult>(write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all(
        [employmentKeys.all, ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export const useCreateFair = () =>
  useEmploymentWrite((body: CreateFairBody) => apiPost<FairDetail>('/employment/fairs', body));
export const useAddFairEmployer = (fairId: number) =>
  useEmploymentWrite((body: AddFairEmployerBody) =>
    apiPost<FairDetail>(`/employment/fairs/${fairId}/employers`, body),
  );
export const useCreatePosition = () =>
  useEmploymentWrite((body: CreatePositionBody) => apiPost<Position>('/employment/positions', body));
export const useRegisterSeeker = () =>
  useEmploymentWrite((body: CreateSeekerBody) => apiPost<SeekerDetail>('/employment/seekers', body));
export const useRecommend = (seekerId: number) =>
  useEmploymentWrite((body: RecommendBody) =>
    apiPost<SeekerDetail>(`/employment/seekers/${seekerId}/recommendations`, body),
  );
export const useRecordResult = (seekerId: number) =>
  useEmploymentWrite((body: RecommendationResultBody) =>
    apiPost<SeekerDetail>(`/employment/seekers/${seekerId}/recommendation-results`, body),
  );
export const usePlace = (seekerId: number) =>
  useEmploymentWrite((body: PlaceBody) =>
    apiPost<SeekerDetail>(`/employment/seekers/${seekerId}/placements`, body),
  );
export const useEndPlacement = (seekerId: number) =>
  useEmploymentWrite((body: EndPlacementBody) =>
    apiPost<SeekerDetail>(`/employment/seekers/${seekerId}/placement-end`, body),
  );
export const useSetSeekerStatus = (seekerId: number) =>
  useEmploymentWrite((body: SeekerStatusBody) =>
    apiPost<SeekerDetail>(`/employment/seekers/${seekerId}/status`, body),
  );

export interface FollowUpFilters {
  overdue?: boolean;
  orgUnitId?: number;
  sort: 'followUpDue' | 'placedOn';
  order: 'asc' | 'desc';
}

export function followUpQuery(f: FollowUpFilters) {
  return { overdue: f.overdue, orgUnitId: f.orgUnitId, sort: f.sort, order: f.order };
}

export function useFollowUpList(p: FollowUpFilters & Paging) {
  return useQuery({
    queryKey: ['employment', 'follow-ups', p],
    queryFn: ({ signal }) =>
      apiGet<Page<FollowUp>>(
        '/employment/follow-ups',
        { ...followUpQuery(p), page: p.page, pageSize: p.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export const useFollowUp = (seekerId: number) =>
  useEmploymentWrite((body: FollowUpBody) =>
    apiPost<SeekerDetail>(`/employment/seekers/${seekerId}/follow-up`, body),
  );

export interface CourseFilters {
  q: string;
  programme?: Programme;
  orgUnitId?: number;
  sort: 'startsOn' | 'title';
  order: 'asc' | 'desc';
}

export function courseQuery(f: CourseFilters) {
  return {
    q: f.q || undefined,
    programme: f.programme,
    orgUnitId: f.orgUnitId,
    sort: f.sort,
    order: f.order,
  };
}

export function useCourseList(p: CourseFilters & Paging) {
  return useQuery({
    queryKey: ['employment', 'courses', p],
    queryFn: ({ signal }) =>
      apiGet<Page<Course>>(
        '/employment/courses',
        { ...courseQuery(p), page: p.page, pageSize: p.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCourse(id: number) {
  return useQuery({
    queryKey: ['employment', 'course', id],
    queryFn: ({ signal }) => apiGet<CourseDetail>(`/employment/courses/${id}`, undefined, signal),
  });
}

export function useEmploymentSettings() {
  return useQuery({
    queryKey: ['employment', 'settings'],
    queryFn: ({ signal }) => apiGet<EmploymentSettings>('/employment/settings', undefined, signal),
  });
}

export const useSaveEmploymentSettings = () =>
  useEmploymentWrite((body: EmploymentSettings) =>
    apiRequest<EmploymentSettings>('/employment/settings', { method: 'PUT', body }),
  );
export const useCreateCourse = () =>
  useEmploymentWrite((body: CreateCourseBody) => apiPost<CourseDetail>('/employment/courses', body));
export const useEnrol = (courseId: number) =>
  useEmploymentWrite((seekerId: number) =>
    apiPost<EnrolResult>(`/employment/courses/${courseId}/enrolments`, { seekerId }),
  );
export const useWithdrawEnrolment = (courseId: number) =>
  useEmploymentWrite((enrolmentId: number) =>
    apiPost<CourseDetail>(`/employment/courses/${courseId}/enrolments/withdraw`, { enrolmentId }),
  );
export const useMarkAttendance = (courseId: number) =>
  useEmploymentWrite((body: AttendanceBody) =>
    apiPost<CourseDetail>(`/employment/courses/${courseId}/attendance`, body),
  );
export const useIssueCertificate = (courseId: number) =>
  useEmploymentWrite((body: IssueCertificateBody) =>
    apiPost<Certificate>(`/employment/courses/${courseId}/certificates`, body),
  );

export function useEmploymentFigures(year: number) {
  return useQuery({
    queryKey: ['employment', 'figures', year],
    queryFn: ({ signal }) => apiGet<EmploymentFigures>('/employment/figures', { year }, signal),
  });
}
