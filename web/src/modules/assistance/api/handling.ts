import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssistanceCase,
  CaseHandler,
  CaseType,
  ClockRule,
  CreateHandlerBody,
  HandlerDetail,
  HandlerKind,
  Page,
  ReassignBody,
  ReassignResult,
  UpdateClockRuleBody,
  WorkerTimeline,
} from '@gonghui/contracts';
import { apiGet, apiPost, apiRequest } from '../../../api/client.ts';
import { caseKeys } from './cases.ts';

export const handlerKeys = {
  all: ['assistance-handlers'] as const,
  list: (p: object) => ['assistance-handlers', 'list', p] as const,
  detail: (id: number) => ['assistance-handlers', 'detail', id] as const,
};

export interface HandlerListParams {
  q?: string;
  kind?: HandlerKind;
  page: number;
  pageSize: number;
}

export function useHandlers(p: HandlerListParams) {
  return useQuery({
    queryKey: handlerKeys.list(p),
    queryFn: ({ signal }) =>
      apiGet<Page<CaseHandler>>(
        '/assistance/handlers',
        { q: p.q || undefined, kind: p.kind, page: p.page, pageSize: p.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useHandler(id: number) {
  return useQuery({
    queryKey: handlerKeys.detail(id),
    queryFn: ({ signal }) => apiGet<HandlerDetail>(`/assistance/handlers/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** A handling write refreshes the handlers, the cases, the workbench and the log. */
function useHandlingWrite<TInput, TResult>(write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all(
        [handlerKeys.all, caseKeys.all, ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export function useCreateHandler() {
  return useHandlingWrite((body: CreateHandlerBody) => apiPost<CaseHandler>('/assistance/handlers', body));
}

export function useReassign(handlerId: number) {
  return useHandlingWrite((body: ReassignBody) =>
    apiPost<ReassignResult>(`/assistance/handlers/${handlerId}/reassign`, body),
  );
}

/** Sends a chosen file's bytes as a case's attachment; the server checks its kind and size. */
export function useAttachFile(caseId: number) {
  return useHandlingWrite((file: File) =>
    apiRequest<AssistanceCase>(`/assistance/cases/${caseId}/attachments`, {
      method: 'POST',
      query: { fileName: file.name },
      body: file,
    }),
  );
}

export const clockKeys = { all: ['assistance-clock-rules'] as const };

export function useClockRules() {
  return useQuery({
    queryKey: clockKeys.all,
    queryFn: ({ signal }) => apiGet<ClockRule[]>('/assistance/clock-rules', undefined, signal),
  });
}

export function useUpdateClockRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ type, body }: { type: CaseType; body: UpdateClockRuleBody }) =>
      apiRequest<ClockRule>(`/assistance/clock-rules/${type}`, { method: 'PUT', body }),
    onSuccess: async () => {
      await Promise.all(
        [clockKeys.all, caseKeys.all, ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export interface TimelineFilters {
  type?: CaseType;
  from?: string;
  to?: string;
}

export function useWorkerTimeline(workerId: number, f: TimelineFilters) {
  return useQuery({
    queryKey: ['assistance', 'worker', workerId, f],
    queryFn: ({ signal }) =>
      apiGet<WorkerTimeline>(
        `/assistance/workers/${workerId}/cases`,
        { type: f.type, from: f.from, to: f.to },
        signal,
      ),
    enabled: Number.isInteger(workerId) && workerId > 0,
    placeholderData: keepPreviousData,
  });
}

/** A write below a case (its legal aid, its mediation) with the case's answer; refreshes like any case write. */
export function useCaseWriteTo(caseId: number, path: string, method: 'POST' | 'PUT' = 'POST') {
  return useHandlingWrite((body: object) =>
    apiRequest<AssistanceCase>(`/assistance/cases/${caseId}/${path}`, { method, body }),
  );
}
