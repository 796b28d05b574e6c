import { useQuery } from '@tanstack/react-query';
import type { AuditEntry, OrgUnit, Page, Transfer } from '@gonghui/contracts';
import { apiGet } from '../../../api/client.ts';

export interface Workbench {
  orgUnit: OrgUnit;
  counts: { childUnits: number; subtreeUnits: number; users: number };
  recentAudit: AuditEntry[];
}

export function useWorkbench() {
  return useQuery({
    queryKey: ['workbench'],
    queryFn: ({ signal }) => apiGet<Workbench>('/workbench', undefined, signal),
  });
}

/** Transfers into the caller's unions that wait for a decision (only the count is read). */
export function usePendingTransferCount(enabled: boolean) {
  return useQuery({
    queryKey: ['transfers', 'pending-count'],
    enabled,
    queryFn: ({ signal }) =>
      apiGet<Page<Transfer>>('/transfers', { box: 'inbox', status: 'pending', pageSize: 1 }, signal),
  });
}
