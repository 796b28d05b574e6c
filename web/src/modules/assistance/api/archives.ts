import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ArchiveStatusBody,
  CreateArchiveBody,
  GiveAssistanceBody,
  HardshipArchive,
  HardshipArchiveDetail,
  HardshipCategory,
  HardshipStatus,
  Page,
  UpdateArchiveBody,
  UpdateHouseholdMemberBody,
} from '@gonghui/contracts';
import { apiGet, apiPatch, apiPost } from '../../../api/client.ts';

export interface ArchiveFilters {
  q: string;
  category?: HardshipCategory;
  status?: HardshipStatus;
  reviewOverdue?: boolean;
  neverAssisted?: boolean;
}

export interface ArchiveListParams extends ArchiveFilters {
  page: number;
  pageSize: number;
}

export const archiveKeys = {
  all: ['hardship'] as const,
  list: (p: ArchiveListParams) => ['hardship', 'list', p] as const,
  detail: (id: number) => ['hardship', 'detail', id] as const,
};

export function archiveQuery(f: ArchiveFilters) {
  return {
    q: f.q || undefined,
    category: f.category,
    status: f.status,
    reviewOverdue: f.reviewOverdue,
    neverAssisted: f.neverAssisted,
  };
}

export function useArchiveList(p: ArchiveListParams) {
  return useQuery({
    queryKey: archiveKeys.list(p),
    queryFn: ({ signal }) =>
      apiGet<Page<HardshipArchive>>(
        '/hardship/archives',
        { ...archiveQuery(p), page: p.page, pageSize: p.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useArchive(id: number) {
  return useQuery({
    queryKey: archiveKeys.detail(id),
    queryFn: ({ signal }) => apiGet<HardshipArchiveDetail>(`/hardship/archives/${id}`, undefined, signal),
  });
}

/** Edits one household member; the category is recomputed on the server. */
export function useUpdateHouseholdMember(archiveId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, body }: { memberId: number; body: UpdateHouseholdMemberBody }) =>
      apiPatch<HardshipArchive>(`/hardship/archives/${archiveId}/members/${memberId}`, body),
    onSuccess: async () => {
      await Promise.all(
        [archiveKeys.all, ['audit']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}

/** Records help given to the household. */
export function useGiveAssistance(archiveId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GiveAssistanceBody) =>
      apiPost<HardshipArchive>(`/hardship/archives/${archiveId}/assistance`, body),
    onSuccess: async () => {
      await Promise.all(
        [archiveKeys.all, ['audit']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}

/** An archive write refreshes the archives and the log. */
function useArchiveWrite<TInput, TResult>(write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all(
        [archiveKeys.all, ['audit']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}

export function useCreateArchive() {
  return useArchiveWrite((body: CreateArchiveBody) => apiPost<HardshipArchive>('/hardship/archives', body));
}

/** 脱困, 注销 or back to 在档, each with its reason. */
export function useArchiveStatus(archiveId: number) {
  return useArchiveWrite((body: ArchiveStatusBody) =>
    apiPost<HardshipArchive>(`/hardship/archives/${archiveId}/status`, body),
  );
}

/** The yearly review: expenses, the cause of sudden hardship and the next review date. */
export function useUpdateArchive(archiveId: number) {
  return useArchiveWrite((body: UpdateArchiveBody) =>
    apiPatch<HardshipArchive>(`/hardship/archives/${archiveId}`, body),
  );
}
