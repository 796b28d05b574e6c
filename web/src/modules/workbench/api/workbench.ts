import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Workbench } from '@gonghui/contracts';
import { apiGet } from '../../../api/client.ts';

/**
 * The workbench: the caller's unit, its counts and the modules' figures (see each module's counters);
 * its activity feed holds sign-ins only when `logins` is set.
 */
export function useWorkbench(logins = false) {
  return useQuery({
    queryKey: ['workbench', { logins }],
    queryFn: ({ signal }) => apiGet<Workbench>('/workbench', logins ? { logins: 'true' } : undefined, signal),
    placeholderData: keepPreviousData,
  });
}
