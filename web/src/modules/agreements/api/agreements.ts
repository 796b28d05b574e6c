import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Agreement,
  AgreementDetail,
  AgreementEmployersBody,
  AgreementEmployersResult,
  AgreementKind,
  AgreementStatus,
  AgreementSort,
  CreateAgreementBody,
  Page,
  UpdateAgreementBody,
} from '@gonghui/contracts';
import { apiGet, apiPatch, apiPost, apiRequest } from '../../../api/client.ts';

/** The list's filters, as sent to the list and the export. */
export interface AgreementFilters {
  q: string;
  status?: AgreementStatus;
  kind?: AgreementKind;
  wageSpecific?: boolean;
  inForceOn?: string;
  orgUnitId?: number;
  sort: AgreementSort;
  order: 'asc' | 'desc';
}

export interface AgreementListParams extends AgreementFilters {
  page: number;
  pageSize: number;
}

export const agreementKeys = {
  all: ['agreements'] as const,
  list: (params: AgreementListParams) => ['agreements', 'list', params] as const,
  detail: (id: number) => ['agreements', 'detail', id] as const,
};

/** The filters as query parameters, leaving out what is not set. */
export function agreementQuery(f: AgreementFilters) {
  return {
    q: f.q || undefined,
    status: f.status,
    kind: f.kind,
    wageSpecific: f.wageSpecific,
    inForceOn: f.inForceOn,
    orgUnitId: f.orgUnitId,
    sort: f.sort,
    order: f.order,
  };
}

export function useAgreementList(params: AgreementListParams) {
  return useQuery({
    queryKey: agreementKeys.list(params),
    queryFn: ({ signal }) =>
      apiGet<Page<Agreement>>(
        '/agreements',
        { ...agreementQuery(params), page: params.page, pageSize: params.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAgreement(id: number) {
  return useQuery({
    queryKey: agreementKeys.detail(id),
    queryFn: ({ signal }) => apiGet<AgreementDetail>(`/agreements/${id}`, undefined, signal),
  });
}

/** A write refreshes the agreements, the indicators they feed, the workbench and the log. */
function useAgreementWrite<TInput, TResult>(write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all(
        [agreementKeys.all, ['indicators'], ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export function useCreateAgreement() {
  return useAgreementWrite((body: CreateAgreementBody) => apiPost<AgreementDetail>('/agreements', body));
}

export function useUpdateAgreement(id: number) {
  return useAgreementWrite((body: UpdateAgreementBody) =>
    apiPatch<AgreementDetail>(`/agreements/${id}`, body),
  );
}

export function useAddAgreementEmployers(id: number) {
  return useAgreementWrite((body: AgreementEmployersBody) =>
    apiPost<AgreementEmployersResult>(`/agreements/${id}/employers`, body),
  );
}

export function useRemoveAgreementEmployers(id: number) {
  return useAgreementWrite((body: AgreementEmployersBody) =>
    apiPost<AgreementEmployersResult>(`/agreements/${id}/employers/remove`, body),
  );
}

/** Sends a scan of the signed contract: the file's bytes are the body, its name a parameter. */
export function useAttachAgreementScan(id: number) {
  return useAgreementWrite((file: File) =>
    apiRequest<AgreementDetail>(`/agreements/${id}/scans`, {
      method: 'POST',
      query: { fileName: file.name },
      body: file,
    }),
  );
}
