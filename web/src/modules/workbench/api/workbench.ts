import { useQuery } from '@tanstack/react-query';
import type { AuditEntry, OrgUnit } from '@gonghui/contracts';
import { apiGet } from '../../../api/client.ts';

export interface Workbench {
  orgUnit: OrgUnit;
  counts: { childUnits: number; subtreeUnits: number; users: number };
  recentAudit: AuditEntry[];
}

export function useWorkbench() {
  return useQuery({
    queryKey: ['workbench'],
    queryFn: ({ signal }) => apiGet<Workbench>('/api/workbench', undefined, signal),
  });
}
