import { useQuery } from '@tanstack/react-query';
import type { Workbench } from '@gonghui/contracts';
import { apiGet } from '../../../api/client.ts';

/** The workbench: the caller's unit, its counts and the modules' figures (see each module's counters). */
export function useWorkbench() {
  return useQuery({
    queryKey: ['workbench'],
    queryFn: ({ signal }) => apiGet<Workbench>('/workbench', undefined, signal),
  });
}
