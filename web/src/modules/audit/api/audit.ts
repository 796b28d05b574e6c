import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry, Page } from '@gonghui/contracts';
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
