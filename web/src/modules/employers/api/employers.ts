import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CloseEmployerBody,
  CreateEmployerBody,
  Employer,
  EmployerDetail,
  EmployerSize,
  InstructorActionBody,
  Page,
  PartyActionBody,
  PartyStatus,
  UnionActionBody,
  UnionStatus,
  UpdateEmployerBody,
} from '@gonghui/contracts';
import { apiGet, apiPatch, apiPost } from '../../../api/client.ts';

export type EmployerSort = 'name' | 'employees' | 'registeredOn' | 'updatedAt' | 'creditCode';

/** The list's filters, as they stand in the address bar and are sent to the list and the export. */
export interface EmployerFilters {
  q: string;
  unionStatus?: UnionStatus;
  partyStatus?: PartyStatus;
  size?: EmployerSize;
  aboveScale?: boolean;
  industry?: string;
  orgUnitId?: number;
  includeClosed?: boolean;
  sort: EmployerSort;
  order: 'asc' | 'desc';
}

export interface EmployerListParams extends EmployerFilters {
  page: number;
  pageSize: number;
}

export interface CreditCodeCheck {
  valid: boolean;
  message: string | null;
  existing: { id: number; name: string } | null;
}

export const employerKeys = {
  all: ['employers'] as const,
  list: (params: EmployerListParams) => ['employers', 'list', params] as const,
  detail: (id: number) => ['employers', 'detail', id] as const,
  code: (code: string) => ['employers', 'check-code', code] as const,
};

/** The filters as query parameters, leaving out what is not set. */
export function filterQuery(f: EmployerFilters) {
  return {
    q: f.q || undefined,
    unionStatus: f.unionStatus,
    partyStatus: f.partyStatus,
    size: f.size,
    aboveScale: f.aboveScale,
    industry: f.industry,
    orgUnitId: f.orgUnitId,
    includeClosed: f.includeClosed || undefined,
    sort: f.sort,
    order: f.order,
  };
}

export function useEmployerList(params: EmployerListParams) {
  return useQuery({
    queryKey: employerKeys.list(params),
    queryFn: ({ signal }) =>
      apiGet<Page<Employer>>(
        '/employers',
        { ...filterQuery(params), page: params.page, pageSize: params.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useEmployer(id: number | null) {
  return useQuery({
    queryKey: employerKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiGet<EmployerDetail>(`/employers/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

/** Asks the server whether a (locally valid) credit code is already registered. */
export function useCreditCodeCheck(code: string | null) {
  return useQuery({
    queryKey: employerKeys.code(code ?? ''),
    queryFn: ({ signal }) => apiGet<CreditCodeCheck>('/employers/check-code', { code: code ?? '' }, signal),
    enabled: code !== null,
    staleTime: 10_000,
  });
}

/** Every write refreshes the register, the indicators, the campaigns, the workbench and the log. */
function useEmployerWrite<TInput>(write: (input: TInput) => Promise<Employer>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all(
        [employerKeys.all, ['indicators'], ['formationCampaigns'], ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export function useCreateEmployer() {
  return useEmployerWrite((body: CreateEmployerBody) => apiPost<Employer>('/employers', body));
}

export function useUpdateEmployer() {
  return useEmployerWrite(({ id, body }: { id: number; body: UpdateEmployerBody }) =>
    apiPatch<Employer>(`/employers/${id}`, body),
  );
}

export function useSetUnion() {
  return useEmployerWrite(({ id, body }: { id: number; body: UnionActionBody }) =>
    apiPost<Employer>(`/employers/${id}/union`, body),
  );
}

export function useSetParty() {
  return useEmployerWrite(({ id, body }: { id: number; body: PartyActionBody }) =>
    apiPost<Employer>(`/employers/${id}/party`, body),
  );
}

export function useSetInstructor() {
  return useEmployerWrite(({ id, body }: { id: number; body: InstructorActionBody }) =>
    apiPost<Employer>(`/employers/${id}/instructor`, body),
  );
}

export function useCloseEmployer() {
  return useEmployerWrite(({ id, body }: { id: number; body: CloseEmployerBody }) =>
    apiPost<Employer>(`/employers/${id}/close`, body),
  );
}
