import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordBody, ChangePasswordResponse, OwnLogin } from '@gonghui/contracts';
import { apiGet, apiPost } from '../../../api/client.ts';

const loginsKey = ['account', 'logins'] as const;

/** The caller's own recent sign-ins (time, address, browser), newest first. */
export function useOwnLogins() {
  return useQuery({
    queryKey: loginsKey,
    queryFn: ({ signal }) => apiGet<OwnLogin[]>('/auth/logins', undefined, signal),
  });
}

/** Changes the caller's own password; their other sessions end on the server. */
export function useChangeOwnPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => apiPost<ChangePasswordResponse>('/auth/password', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['audit'] }),
  });
}
