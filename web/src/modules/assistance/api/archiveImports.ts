import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportMode, ImportStatus } from '@gonghui/contracts';
import { apiGet, apiRequest } from '../../../api/client.ts';
import { archiveKeys } from './archives.ts';

const finished = (s: ImportStatus | undefined) => s?.status === 'done' || s?.status === 'failed';

/** Uploads the chosen .xlsx; the server queues the import and answers its status. */
export function useStartArchiveImport() {
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) =>
      apiRequest<ImportStatus>('/hardship/archive-imports', {
        method: 'POST',
        query: { fileName: file.name, mode },
        body: file,
      }),
  });
}

/** An archive import's progress, asked again every second until it has finished. */
export function useArchiveImport(id: number | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['hardship-imports', id ?? 0],
    queryFn: async ({ signal }) => {
      const status = await apiGet<ImportStatus>(`/hardship/archive-imports/${id}`, undefined, signal);
      if (finished(status) && status.result?.applied)
        await Promise.all(
          [archiveKeys.all, ['assistance'], ['audit']].map((queryKey) =>
            queryClient.invalidateQueries({ queryKey }),
          ),
        );
      return status;
    },
    enabled: id !== null,
    staleTime: (query) => (finished(query.state.data) ? Infinity : 0),
    refetchInterval: (query) => (finished(query.state.data) ? false : 1000),
  });
}
