import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssistanceCase,
  CaseClockFilter,
  CaseDetail,
  CaseSort,
  CaseStatus,
  CaseType,
  IntakeCaseBody,
  Page,
  RevealedCase,
} from '@gonghui/contracts';
import { apiGet, apiPost } from '../../../api/client.ts';

/** The list's filters, as sent to the list and the export. */
export interface CaseFilters {
  q: string;
  type?: CaseType;
  status?: CaseStatus;
  clock?: CaseClockFilter;
  open?: boolean;
  orgUnitId?: number;
  sort: CaseSort;
  order: 'asc' | 'desc';
}

export interface CaseListParams extends CaseFilters {
  page: number;
  pageSize: number;
}

export const caseKeys = {
  all: ['assistance'] as const,
  list: (params: CaseListParams) => ['assistance', 'list', params] as const,
  detail: (id: number) => ['assistance', 'detail', id] as const,
};

/** The filters as query parameters, leaving out what is not set. */
export function caseQuery(f: CaseFilters) {
  return {
    q: f.q || undefined,
    type: f.type,
    status: f.status,
    clock: f.clock,
    open: f.open,
    orgUnitId: f.orgUnitId,
    sort: f.sort,
    order: f.order,
  };
}

export function useCaseList(params: CaseListParams) {
  return useQuery({
    queryKey: caseKeys.list(params),
    queryFn: ({ signal }) =>
      apiGet<Page<AssistanceCase>>(
        '/assistance/cases',
        { ...caseQuery(params), page: params.page, pageSize: params.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: number) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => apiGet<CaseDetail>(`/assistance/cases/${id}`, undefined, signal),
  });
}

/** A write refreshes the cases, the workbench (its overdue figure) and the log. */
function useCaseWrite<TInput, TResult>(write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all(
        [caseKeys.all, ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export function useIntakeCase() {
  return useCaseWrite((body: IntakeCaseBody) => apiPost<AssistanceCase>('/assistance/cases', body));
}

/** One of the case's actions (status, escalate, pause …) with its body. */
export function useCaseAction(id: number) {
  return useCaseWrite(({ action, body }: { action: string; body: unknown }) =>
    apiPost<AssistanceCase>(`/assistance/cases/${id}/${action}`, body),
  );
}

export function revealCase(id: number, reason: string) {
  return apiPost<RevealedCase>(`/assistance/cases/${id}/reveal`, { reason });
}
