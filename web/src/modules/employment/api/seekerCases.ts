import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LinkSeekerCaseBody, SeekerCases } from '@gonghui/contracts';
import { apiGet, apiPost } from '../../../api/client.ts';
import { recordLinkKeys } from '../../../shared/RecordLinks.tsx';

const seekerCaseKey = (id: number) => ['employment', 'seeker-cases', id] as const;

/** The one-stop centre's cases of the seeker's person, within the caller's scope. */
export function useSeekerCases(id: number) {
  return useQuery({
    queryKey: seekerCaseKey(id),
    queryFn: ({ signal }) => apiGet<SeekerCases>(`/employment/seekers/${id}/cases`, undefined, signal),
  });
}

export function useLinkSeekerCase(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LinkSeekerCaseBody) => apiPost<SeekerCases>(`/employment/seekers/${id}/cases`, body),
    onSuccess: (data) => {
      qc.setQueryData(seekerCaseKey(id), data);
      void qc.invalidateQueries({ queryKey: recordLinkKeys.of('job_seeker', id) });
    },
  });
}
