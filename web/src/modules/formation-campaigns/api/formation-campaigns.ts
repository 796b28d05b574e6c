import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FormationCampaign,
  FormationCampaignEmployersBody,
  FormationCampaignEmployersResult,
  FormationCampaignProgress,
  FormationCampaignTask,
  FormationCampaignTaskBody,
  CreateFormationCampaignBody,
} from '@gonghui/contracts';
import { apiGet, apiPost } from '../../../api/client.ts';

export const formationCampaignKeys = {
  all: ['formationCampaigns'] as const,
  list: ['formationCampaigns', 'list'] as const,
  progress: (id: number, asOf: string) => ['formationCampaigns', 'progress', id, asOf] as const,
};

export function useFormationCampaigns() {
  return useQuery({
    queryKey: formationCampaignKeys.list,
    queryFn: ({ signal }) => apiGet<FormationCampaign[]>('/formation-campaigns', undefined, signal),
  });
}

export function useFormationCampaignProgress(id: number | null, asOf: string) {
  return useQuery({
    queryKey: formationCampaignKeys.progress(id ?? 0, asOf),
    queryFn: ({ signal }) =>
      apiGet<FormationCampaignProgress>(`/formation-campaigns/${id}`, { asOf }, signal),
    enabled: id !== null,
  });
}

export function useCreateFormationCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFormationCampaignBody) =>
      apiPost<FormationCampaign>('/formation-campaigns', body),
    onSuccess: async () => {
      await Promise.all(
        [formationCampaignKeys.all, ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** A write to one campaign refreshes its progress, the workbench and the log. */
function useFormationCampaignWrite<TInput, TResult>(write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all(
        [formationCampaignKeys.all, ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export function useAddFormationCampaignTask(id: number) {
  return useFormationCampaignWrite((body: FormationCampaignTaskBody) =>
    apiPost<FormationCampaignTask>(`/formation-campaigns/${id}/tasks`, body),
  );
}

export function useCompleteFormationCampaignTask(id: number) {
  return useFormationCampaignWrite((taskId: number) =>
    apiPost<FormationCampaignTask>(`/formation-campaigns/${id}/tasks/${taskId}/done`),
  );
}

export function useAddFormationCampaignEmployers(id: number) {
  return useFormationCampaignWrite((body: FormationCampaignEmployersBody) =>
    apiPost<FormationCampaignEmployersResult>(`/formation-campaigns/${id}/employers`, body),
  );
}
