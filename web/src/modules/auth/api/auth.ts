import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, Me, Meta, Permission } from '@gonghui/contracts';
import { apiGet, apiRequest, isApiError, setCsrfToken } from '../../../api/client.ts';

export const meKey = ['auth', 'me'] as const;
export const metaKey = ['meta'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await apiRequest<Me>('/auth/me', { allowUnauthenticated: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export function useMeta() {
  return useQuery({
    queryKey: metaKey,
    queryFn: () => apiGet<Meta>('/meta'),
    staleTime: Infinity,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) =>
      apiRequest<Me>('/auth/login', { method: 'POST', body, allowUnauthenticated: true }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== metaKey[0] });
      queryClient.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<unknown>('/auth/logout', { method: 'POST', body: {}, allowUnauthenticated: true }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== metaKey[0] });
      queryClient.setQueryData(meKey, null);
    },
  });
}

export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  return Boolean(me?.permissions.includes(permission));
}
