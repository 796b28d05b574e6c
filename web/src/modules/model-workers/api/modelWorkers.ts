import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateModelWorkerBody,
  CreateRollBody,
  CreateSubsidyRuleBody,
  CreateVisitCycleBody,
  ImportMode,
  ModelWorker,
  ModelWorkerImportResult,
  ModelWorkerLevel,
  ModelWorkerStatus,
  Page,
  PaidImportResult,
  PaidStatus,
  RecordVisitBody,
  ReviseSubsidyRuleBody,
  RollLine,
  RollTotal,
  SubsidyRoll,
  SubsidyRule,
  Visit,
  VisitCycle,
  VisitFigures,
} from '@gonghui/contracts';
import { apiGet, apiPost, apiRequest } from '../../../api/client.ts';

interface Paging {
  page: number;
  pageSize: number;
}

export interface WorkerFilters {
  q: string;
  level?: ModelWorkerLevel;
  status?: ModelWorkerStatus;
  hardship?: boolean;
  orgUnitId?: number;
  sort: 'name' | 'awardedYear' | 'updatedAt';
  order: 'asc' | 'desc';
}

export const modelWorkerKeys = {
  all: ['model-workers'] as const,
};

export function workerQuery(f: WorkerFilters) {
  return {
    q: f.q || undefined,
    level: f.level,
    status: f.status,
    hardship: f.hardship,
    orgUnitId: f.orgUnitId,
    sort: f.sort,
    order: f.order,
  };
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: modelWorkerKeys.all });
}

export function useWorkerList(p: WorkerFilters & Paging) {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'workers', p],
    queryFn: ({ signal }) =>
      apiGet<Page<ModelWorker>>(
        '/model-workers',
        { ...workerQuery(p), page: p.page, pageSize: p.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useWorker(id: number) {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'worker', id],
    queryFn: ({ signal }) => apiGet<ModelWorker>(`/model-workers/${id}`, undefined, signal),
  });
}

export function useCreateWorker() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateModelWorkerBody) => apiPost<ModelWorker>('/model-workers', body),
    onSuccess: invalidate,
  });
}

export function revealWorker(id: number, field: 'residentId' | 'bankAccount', reason: string) {
  return apiPost<{ value: string | null }>(`/model-workers/${id}/reveal`, { field, reason });
}

export function useRules() {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'rules'],
    queryFn: ({ signal }) => apiGet<SubsidyRule[]>('/model-workers/subsidy-rules', undefined, signal),
  });
}

export function useCreateRule() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateSubsidyRuleBody) => apiPost<SubsidyRule>('/model-workers/subsidy-rules', body),
    onSuccess: invalidate,
  });
}

export function useReviseRule(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ReviseSubsidyRuleBody) =>
      apiPost<SubsidyRule>(`/model-workers/subsidy-rules/${id}/versions`, body),
    onSuccess: invalidate,
  });
}

export function useRollList(p: Paging) {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'rolls', p],
    queryFn: ({ signal }) => apiGet<Page<SubsidyRoll>>('/model-workers/rolls', { ...p }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRoll(id: number) {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'roll', id],
    queryFn: ({ signal }) => apiGet<SubsidyRoll>(`/model-workers/rolls/${id}`, undefined, signal),
  });
}

export function useRollLines(id: number, p: Paging & { paidStatus?: PaidStatus; q?: string }) {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'roll-lines', id, p],
    queryFn: ({ signal }) => apiGet<Page<RollLine>>(`/model-workers/rolls/${id}/lines`, { ...p }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRollTotals(year?: number) {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'roll-totals', year],
    queryFn: ({ signal }) => apiGet<RollTotal[]>('/model-workers/roll-totals', { year }, signal),
  });
}

export function useCreateRoll() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateRollBody) => apiPost<SubsidyRoll>('/model-workers/rolls', body),
    onSuccess: invalidate,
  });
}

export function useRollAction(id: number, action: 'approve' | 'refresh') {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiPost<SubsidyRoll>(`/model-workers/rolls/${id}/${action}`),
    onSuccess: invalidate,
  });
}

export function useBankReturn(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (file: File) =>
      apiRequest<PaidImportResult>(`/model-workers/rolls/${id}/bank-return`, {
        method: 'POST',
        query: { fileName: file.name },
        body: file,
      }),
    onSuccess: invalidate,
  });
}

export function useCycleList(p: Paging) {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'cycles', p],
    queryFn: ({ signal }) => apiGet<Page<VisitCycle>>('/model-workers/visit-cycles', { ...p }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCycle(id: number) {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'cycle', id],
    queryFn: ({ signal }) => apiGet<VisitCycle>(`/model-workers/visit-cycles/${id}`, undefined, signal),
  });
}

export function useVisits(id: number, p: Paging & { done?: boolean }) {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'visits', id, p],
    queryFn: ({ signal }) =>
      apiGet<Page<Visit>>(`/model-workers/visit-cycles/${id}/visits`, { ...p }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVisitFigures(q: { from?: string; to?: string; status?: ModelWorkerStatus }) {
  return useQuery({
    queryKey: [...modelWorkerKeys.all, 'visit-figures', q],
    queryFn: ({ signal }) => apiGet<VisitFigures>('/model-workers/visit-figures', { ...q }, signal),
  });
}

export function useCreateCycle() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateVisitCycleBody) => apiPost<VisitCycle>('/model-workers/visit-cycles', body),
    onSuccess: invalidate,
  });
}

export function useRecordVisit(cycleId: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ workerId, body }: { workerId: number; body: RecordVisitBody }) =>
      apiRequest<Visit>(`/model-workers/visit-cycles/${cycleId}/visits/${workerId}`, { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

/** Imports a registry file (.xlsx): every row checked, then applied as the chosen mode says. */
export function useImportWorkers() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) =>
      apiRequest<ModelWorkerImportResult>('/model-worker-imports', {
        method: 'POST',
        query: { fileName: file.name, mode },
        body: file,
      }),
    onSuccess: invalidate,
  });
}
