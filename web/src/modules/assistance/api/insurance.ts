import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ClaimStatus,
  DecideClaimBody,
  PayClaimBody,
  SubmitClaimBody,
  InsuranceEnrolResult,
  InsuranceClaim,
  InsuranceEnrolment,
  InsurancePlan,
  Page,
} from '@gonghui/contracts';
import { apiGet, apiPost } from '../../../api/client.ts';

export const insuranceKeys = {
  all: ['insurance'] as const,
  plans: ['insurance', 'plans'] as const,
  enrolments: (planId: number, p: object) => ['insurance', 'enrolments', planId, p] as const,
  claims: (p: object) => ['insurance', 'claims', p] as const,
};

export function usePlans() {
  return useQuery({
    queryKey: insuranceKeys.plans,
    queryFn: ({ signal }) => apiGet<InsurancePlan[]>('/insurance/plans', undefined, signal),
  });
}

export interface EnrolmentParams {
  q: string;
  page: number;
  pageSize: number;
}

export function useEnrolments(planId: number, p: EnrolmentParams) {
  return useQuery({
    queryKey: insuranceKeys.enrolments(planId, p),
    queryFn: ({ signal }) =>
      apiGet<Page<InsuranceEnrolment>>(
        `/insurance/plans/${planId}/enrolments`,
        { q: p.q || undefined, page: p.page, pageSize: p.pageSize },
        signal,
      ),
    enabled: planId > 0,
    placeholderData: keepPreviousData,
  });
}

export function useClaims(p: { status?: ClaimStatus; page: number; pageSize: number }) {
  return useQuery({
    queryKey: insuranceKeys.claims(p),
    queryFn: ({ signal }) => apiGet<Page<InsuranceClaim>>('/insurance/claims', p, signal),
    placeholderData: keepPreviousData,
  });
}

/** Enrols every live member of a union in a plan. */
export function useEnrolUnion(planId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unionId: number) =>
      apiPost<InsuranceEnrolResult>(`/insurance/plans/${planId}/enrolments`, { unionId }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: insuranceKeys.all });
    },
  });
}

/** A claim write refreshes the plans, enrolments and claims, and the log. */
function useClaimWrite<TInput>(write: (input: TInput) => Promise<InsuranceClaim>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all(
        [insuranceKeys.all, ['audit']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}

export function useSubmitClaim() {
  return useClaimWrite((body: SubmitClaimBody) => apiPost<InsuranceClaim>('/insurance/claims', body));
}

export function useDecideClaim(claimId: number) {
  return useClaimWrite((body: DecideClaimBody) =>
    apiPost<InsuranceClaim>(`/insurance/claims/${claimId}/decide`, body),
  );
}

export function usePayClaim(claimId: number) {
  return useClaimWrite((body: PayClaimBody) =>
    apiPost<InsuranceClaim>(`/insurance/claims/${claimId}/pay`, body),
  );
}
