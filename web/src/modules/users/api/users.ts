import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, Page, UpdateUserBody, User } from '@gonghui/contracts';
import { apiGet, apiPatch, apiPost } from '../../../api/client.ts';

export interface UserListParams {
  page: number;
  pageSize: number;
  q: string;
}

export const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => ['users', 'list', params] as const,
};

export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) =>
      apiGet<Page<User>>(
        '/users',
        { page: params.page, pageSize: params.pageSize, q: params.q || undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

function useUserWrite<TInput>(write: (input: TInput) => Promise<User>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: userKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['workbench'] }),
        queryClient.invalidateQueries({ queryKey: ['audit'] }),
      ]);
    },
  });
}

export function useCreateUser() {
  return useUserWrite((body: CreateUserBody) => apiPost<User>('/users', body));
}

export function useUpdateUser() {
  return useUserWrite(({ id, body }: { id: number; body: UpdateUserBody }) =>
    apiPatch<User>(`/users/${id}`, body),
  );
}
