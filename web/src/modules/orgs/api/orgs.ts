import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateOrgBody, MergeOrgBody, OrgHistory, OrgSearchHit, OrgUnit } from '@gonghui/contracts';
import { apiGet, apiPost } from '../../../api/client.ts';

export const orgKeys = {
  all: ['orgs'] as const,
  roots: (asOf: string) => ['orgs', 'roots', asOf] as const,
  unit: (id: number, asOf: string) => ['orgs', 'unit', id, asOf] as const,
  children: (id: number, asOf: string) => ['orgs', 'children', id, asOf] as const,
  ancestors: (id: number, asOf: string) => ['orgs', 'ancestors', id, asOf] as const,
  history: (id: number) => ['orgs', 'history', id] as const,
  search: (q: string, asOf: string, limit: number) => ['orgs', 'search', q, asOf, limit] as const,
};

export function rootsQuery(asOf: string) {
  return queryOptions({
    queryKey: orgKeys.roots(asOf),
    queryFn: ({ signal }) => apiGet<OrgUnit[]>('/orgs/roots', { asOf }, signal),
  });
}

export function childrenQuery(id: number, asOf: string) {
  return queryOptions({
    queryKey: orgKeys.children(id, asOf),
    queryFn: ({ signal }) => apiGet<OrgUnit[]>(`/orgs/${id}/children`, { asOf }, signal),
  });
}

export function useOrgUnit(id: number | null, asOf: string) {
  return useQuery({
    queryKey: orgKeys.unit(id ?? 0, asOf),
    queryFn: ({ signal }) => apiGet<OrgUnit>(`/orgs/${id}`, { asOf }, signal),
    enabled: id !== null,
  });
}

export function useOrgAncestors(id: number | null, asOf: string, enabled = true) {
  return useQuery({
    queryKey: orgKeys.ancestors(id ?? 0, asOf),
    queryFn: ({ signal }) => apiGet<OrgUnit[]>(`/orgs/${id}/ancestors`, { asOf }, signal),
    enabled: id !== null && enabled,
  });
}

export function useOrgHistory(id: number | null) {
  return useQuery({
    queryKey: orgKeys.history(id ?? 0),
    queryFn: ({ signal }) => apiGet<OrgHistory>(`/orgs/${id}/history`, undefined, signal),
    enabled: id !== null,
  });
}

export function useOrgSearch(q: string, asOf: string, limit = 20) {
  const term = q.trim();
  return useQuery({
    queryKey: orgKeys.search(term, asOf, limit),
    queryFn: ({ signal }) => apiGet<OrgSearchHit[]>('/orgs/search', { q: term, asOf, limit }, signal),
    enabled: term.length > 0 && term.length <= 50,
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}

export interface RenameOrgInput {
  id: number;
  name: string;
  date: string;
}

export interface MoveOrgInput {
  id: number;
  newParentId: number;
  date: string;
}

export interface CloseOrgInput {
  id: number;
  date: string;
  successorId: number | null;
}

/** Every write to the tree refreshes the tree, the detail, the history, the workbench and the log. */
function useOrgWrite<TInput, TResult>(write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: orgKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['workbench'] }),
        queryClient.invalidateQueries({ queryKey: ['audit'] }),
      ]);
    },
  });
}

export function useCreateOrg() {
  return useOrgWrite((body: CreateOrgBody) => apiPost<OrgUnit>('/orgs', body));
}

export function useRenameOrg() {
  return useOrgWrite(({ id, ...body }: RenameOrgInput) => apiPost<OrgUnit>(`/orgs/${id}/rename`, body));
}

export function useMoveOrg() {
  return useOrgWrite(({ id, ...body }: MoveOrgInput) => apiPost<OrgUnit>(`/orgs/${id}/move`, body));
}

export function useCloseOrg() {
  return useOrgWrite(({ id, ...body }: CloseOrgInput) => apiPost<OrgUnit>(`/orgs/${id}/close`, body));
}

export function useMergeOrgs() {
  return useOrgWrite((body: MergeOrgBody) => apiPost<OrgUnit>('/orgs/merge', body));
}
