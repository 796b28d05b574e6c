import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  IndicatorExplanation,
  IndicatorKey,
  IndicatorLeftOut,
  IndicatorPart,
  IndicatorReport,
  IndicatorTarget,
  IndicatorTrend,
  Page,
  SetTargetBody,
} from '@gonghui/contracts';
import { apiGet, apiRequest } from '../../../api/client.ts';

/** An employer counted in a numerator or a denominator. */
export interface EmployerBehind {
  id: number;
  name: string;
  creditCode: string;
  orgUnitName: string;
  employees: number;
  /** Active members at the date asked. */
  members: number;
  unionStatus: string;
  partyStatus: string;
}

export interface EmployersBehindParams {
  unitId: number | undefined;
  asOf: string;
  indicator: IndicatorKey;
  part: IndicatorPart;
  direct?: boolean;
  page: number;
  pageSize: number;
}

export const indicatorQueryKeys = {
  all: ['indicators'] as const,
  report: (unitId: number | undefined, asOf: string) => ['indicators', 'report', unitId ?? 0, asOf] as const,
  trend: (unitId: number | undefined, from: string, to: string, points: number) =>
    ['indicators', 'trend', unitId ?? 0, from, to, points] as const,
  employers: (params: EmployersBehindParams) => ['indicators', 'employers', params] as const,
  targets: (unitId: number, year: number) => ['indicators', 'targets', unitId, year] as const,
};

export function useIndicatorReport(unitId: number | undefined, asOf: string) {
  return useQuery({
    queryKey: indicatorQueryKeys.report(unitId, asOf),
    queryFn: ({ signal }) => apiGet<IndicatorReport>('/indicators', { unitId, asOf }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useIndicatorTrend(unitId: number | undefined, from: string, to: string, points: number) {
  return useQuery({
    queryKey: indicatorQueryKeys.trend(unitId, from, to, points),
    queryFn: ({ signal }) =>
      apiGet<IndicatorTrend>('/indicators/trend', { unitId, from, to, points }, signal),
    enabled: from < to,
    placeholderData: keepPreviousData,
  });
}

export function useEmployersBehind(params: EmployersBehindParams | null) {
  return useQuery({
    queryKey: params ? indicatorQueryKeys.employers(params) : ['indicators', 'employers', 'none'],
    queryFn: ({ signal }) => apiGet<Page<EmployerBehind>>('/indicators/employers', { ...params }, signal),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

export function useTargets(unitId: number, year: number, enabled = true) {
  return useQuery({
    queryKey: indicatorQueryKeys.targets(unitId, year),
    queryFn: ({ signal }) => apiGet<IndicatorTarget[]>('/targets', { unitId, year }, signal),
    enabled,
  });
}

export function useSetTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetTargetBody) => apiRequest<IndicatorTarget>('/targets', { method: 'PUT', body }),
    onSuccess: async () => {
      await Promise.all(
        [indicatorQueryKeys.all, ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** Each indicator in words (numerator, denominator, scope rule), as the server defines it. */
export function useIndicatorExplanations() {
  return useQuery({
    queryKey: ['indicators', 'definitions'],
    queryFn: ({ signal }) => apiGet<IndicatorExplanation[]>('/indicators/definitions', undefined, signal),
    staleTime: Infinity,
  });
}

/** How many of an area's employers a denominator leaves out, by reason. */
export function useLeftOut(
  params: { unitId: number; asOf: string; indicator: IndicatorKey; direct?: boolean } | null,
) {
  return useQuery({
    queryKey: ['indicators', 'left-out', params],
    queryFn: ({ signal }) => apiGet<IndicatorLeftOut>('/indicators/left-out', { ...params }, signal),
    enabled: params !== null,
  });
}
