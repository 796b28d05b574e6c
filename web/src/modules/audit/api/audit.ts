import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditActionOption, AuditEntry, Page } from '@gonghui/contracts';
import { apiGet } from '../../../api/client.ts';

export interface AuditFilters {
  page: number;
  pageSize: number;
  action?: string;
  entityType?: string;
  username?: string;
  from?: string;
  to?: string;
}

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', 'list', filters],
    queryFn: ({ signal }) =>
      apiGet<Page<AuditEntry>>(
        '/audit',
        {
          page: filters.page,
          pageSize: filters.pageSize,
          action: filters.action,
          entityType: filters.entityType,
          username: filters.username,
          from: filters.from,
          to: filters.to,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** The actions the caller's log holds, for the action filter (exports and downloads first). */
export function useAuditActions() {
  return useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: ({ signal }) => apiGet<AuditActionOption[]>('/audit/actions', undefined, signal),
    staleTime: 60_000,
  });
}

/** The log's filters as the export takes them: the list's, without paging. */
export function auditExportQuery(f: Omit<AuditFilters, 'page' | 'pageSize'>) {
  return { action: f.action, entityType: f.entityType, username: f.username, from: f.from, to: f.to };
}
