import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportMode, ImportStatus } from '@gonghui/contracts';
import { apiGet, apiPost, apiRequest } from '../../../api/client.ts';
import { employerKeys } from './employers.ts';

export const employerImportKeys = {
  status: (id: number) => ['employer-imports', id] as const,
};

const finished = (s: ImportStatus | undefined) => s?.status === 'done' || s?.status === 'failed';

/** Uploads the chosen file's bytes; the server queues the import and answers its status. */
export function useStartEmployerImport() {
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) =>
      apiRequest<ImportStatus>('/employer-imports', {
        method: 'POST',
        query: { fileName: file.name, mode },
        body: file,
      }),
  });
}

/** An import's progress, asked again every second until it has finished. */
export function useEmployerImport(id: number | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: employerImportKeys.status(id ?? 0),
    queryFn: async ({ signal }) => {
      const status = await apiGet<ImportStatus>(`/employer-imports/${id}`, undefined, signal);
      if (finished(status) && status.result?.applied) {
        await Promise.all(
          [employerKeys.all, ['indicators'], ['formationCampaigns'], ['workbench'], ['audit']].map(
            (queryKey) => queryClient.invalidateQueries({ queryKey }),
          ),
        );
      }
      return status;
    },
    enabled: id !== null,
    staleTime: (query) => (finished(query.state.data) ? Infinity : 0),
    refetchInterval: (query) => (finished(query.state.data) ? false : 1000),
  });
}

/** Undoes an applied import as a whole; the server refuses, naming the employers, when any changed since. */
export function useUndoEmployerImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiPost<{ removed: number; restored: number }>(`/employer-imports/${id}/undo`, {}),
    onSuccess: async (_r, id) => {
      await Promise.all(
        [
          employerImportKeys.status(id),
          employerKeys.all,
          ['indicators'],
          ['formationCampaigns'],
          ['workbench'],
          ['audit'],
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}
