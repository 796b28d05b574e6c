import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Campaign,
  CampaignEmployersBody,
  CampaignEmployersResult,
  CampaignProgress,
  CampaignTask,
  CampaignTaskBody,
  CreateCampaignBody,
} from '@gonghui/contracts';
import { apiGet, apiPost } from '../../../api/client.ts';

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: ['campaigns', 'list'] as const,
  progress: (id: number, asOf: string) => ['campaigns', 'progress', id, asOf] as const,
};

export function useCampaigns() {
  return useQuery({
    queryKey: campaignKeys.list,
    queryFn: ({ signal }) => apiGet<Campaign[]>('/campaigns', undefined, signal),
  });
}

export function useCampaignProgress(id: number | null, asOf: string) {
  return useQuery({
    queryKey: campaignKeys.progress(id ?? 0, asOf),
    queryFn: ({ signal }) => apiGet<CampaignProgress>(`/campaigns/${id}`, { asOf }, signal),
    enabled: id !== null,
  });
}

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCampaignBody) => apiPost<Campaign>('/campaigns', body),
    onSuccess: async () => {
      await Promise.all(
        [campaignKeys.all, ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** A write to one campaign refreshes its progress, the workbench and the log. */
function useCampaignWrite<TInput, TResult>(write: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all(
        [campaignKeys.all, ['workbench'], ['audit']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export function useAddCampaignTask(id: number) {
  return useCampaignWrite((body: CampaignTaskBody) => apiPost<CampaignTask>(`/campaigns/${id}/tasks`, body));
}

export function useCompleteCampaignTask(id: number) {
  return useCampaignWrite((taskId: number) => apiPost<CampaignTask>(`/campaigns/${id}/tasks/${taskId}/done`));
}

export function useAddCampaignEmployers(id: number) {
  return useCampaignWrite((body: CampaignEmployersBody) =>
    apiPost<CampaignEmployersResult>(`/campaigns/${id}/employers`, body),
  );
}
