import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChangeStatusBody,
  EnrolMemberBody,
  Member,
  MemberDetail,
  HeldImportRow,
  MemberImport,
  MemberAgeBand,
  MemberStatus,
  Page,
  RevealField,
  Transfer,
  TransferStatus,
  UpdateMemberBody,
} from '@gonghui/contracts';
import { ApiError, apiGet, apiPatch, apiPost, apiUrl } from '../../../api/client.ts';

export interface MemberListParams {
  page: number;
  pageSize: number;
  q: string;
  status?: MemberStatus;
  orgUnitId?: number;
  employerId?: number;
  joinedFrom?: string;
  joinedTo?: string;
  migrantWorker?: string;
  newEmploymentForm?: string;
  gender?: 'male' | 'female';
  ageBand?: MemberAgeBand;
  sort: 'name' | 'joinedOn' | 'birthDate' | 'id';
  order: 'asc' | 'desc';
}

export function useMemberList(params: MemberListParams) {
  return useQuery({
    queryKey: ['members', 'list', params],
    queryFn: ({ signal }) =>
      apiGet<Page<Member>>('/members', { ...params, q: params.q || undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMember(id: number) {
  return useQuery({
    queryKey: ['members', 'detail', id],
    queryFn: ({ signal }) => apiGet<MemberDetail>(`/members/${id}`, undefined, signal),
  });
}

function useMemberWrite<TInput, TOut>(write: (input: TInput) => Promise<TOut>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['members'] }),
        queryClient.invalidateQueries({ queryKey: ['transfers'] }),
        queryClient.invalidateQueries({ queryKey: ['member-import'] }),
        queryClient.invalidateQueries({ queryKey: ['workbench'] }),
      ]);
    },
  });
}

export const useEnrolMember = () =>
  useMemberWrite((body: EnrolMemberBody) => apiPost<Member>('/members', body));
export const useChangeStatus = () =>
  useMemberWrite(({ id, body }: { id: number; body: ChangeStatusBody }) =>
    apiPost<Member>(`/members/${id}/status`, body),
  );

/** The clear value of a personal field: the server records who asked and why before answering. */
export function revealMember(id: number, field: RevealField, reason: string) {
  return apiPost<{ field: RevealField; value: string | null }>(`/members/${id}/reveal`, {
    field,
    reason,
  });
}

export interface TransferListParams {
  box: 'inbox' | 'outbox';
  status?: TransferStatus;
  page: number;
  pageSize: number;
}

export function useTransfers(params: TransferListParams) {
  return useQuery({
    queryKey: ['transfers', params],
    queryFn: ({ signal }) => apiGet<Page<Transfer>>('/transfers', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export const useStartTransfer = () =>
  useMemberWrite(
    (body: {
      memberId?: number;
      residentId?: string;
      toOrgUnitId: number;
      toEmployerId?: number | null;
      reason: string;
    }) => apiPost<Transfer>('/transfers', body),
  );
export const useBulkTransfer = () =>
  useMemberWrite(
    (body: {
      fromOrgUnitId: number;
      employerId?: number | null;
      toOrgUnitId: number;
      toEmployerId?: number | null;
      reason: string;
    }) => apiPost<{ batchId: number; count: number }>('/transfers/bulk', body),
  );
export const useDecideTransfers = () =>
  useMemberWrite((body: { transferIds: number[]; accept: boolean; reason?: string }) =>
    apiPost<{ decided: number; failed: Array<{ transferId: number; message: string }> }>(
      '/transfers/decide',
      body,
    ),
  );

/** Sends the file's bytes as the request body; the server streams them into the import job. */
export async function uploadRoster(file: File, orgUnitId: number, csrfToken: string): Promise<MemberImport> {
  const response = await fetch(apiUrl('/member-imports', { orgUnitId, fileName: file.name }), {
    method: 'POST',
    body: file,
    headers: {
      'content-type': 'application/octet-stream',
      'x-csrf-token': csrfToken,
      accept: 'application/json',
    },
    credentials: 'same-origin',
  });
  const body: unknown = await response.json();
  if (!response.ok) {
    const failure = body as { error?: { message?: string } };
    throw new ApiError(
      response.status,
      'BAD_REQUEST',
      failure.error?.message ?? `上传失败（${response.status}）`,
    );
  }
  return body as MemberImport;
}

/** Rows of an import that were not applied: other unions' members and changed names. */
export function useHeldImportRows(id: number | null, enabled: boolean) {
  return useQuery({
    queryKey: ['member-import', id, 'held'],
    enabled: id !== null && enabled,
    queryFn: ({ signal }) => apiGet<HeldImportRow[]>(`/member-imports/${id}/held`, undefined, signal),
  });
}
export const useConfirmNameChanges = () =>
  useMemberWrite(({ id, rowNos }: { id: number; rowNos: number[] }) =>
    apiPost<{ applied: number; dropped: number }>(`/member-imports/${id}/name-changes`, { rowNos }),
  );
export const useUndoImport = () =>
  useMemberWrite((id: number) =>
    apiPost<{ removed: number; restored: number }>(`/member-imports/${id}/undo`, {}),
  );
export const useImportTransfers = () =>
  useMemberWrite(({ id, reason }: { id: number; reason: string }) =>
    apiPost<{ started: number; failed: Array<{ rowNo: number; message: string }> }>(
      `/member-imports/${id}/transfers`,
      { reason },
    ),
  );

export function useMemberImport(id: number | null) {
  return useQuery({
    queryKey: ['member-import', id],
    enabled: id !== null,
    queryFn: ({ signal }) => apiGet<MemberImport>(`/member-imports/${id}`, undefined, signal),
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      return s === 'queued' || s === 'running' ? 800 : false;
    },
  });
}

export const useUpdateMember = () =>
  useMemberWrite(({ id, body }: { id: number; body: UpdateMemberBody }) =>
    apiPatch<Member>(`/members/${id}`, body),
  );

/** Withdraws a pending transfer this union started; the server refuses anyone else's. */
export const useCancelTransfer = () =>
  useMemberWrite((id: number) => apiPost<Transfer>(`/transfers/${id}/cancel`));

/** The pending transfer of one member that the caller's union started and so may withdraw. */
export function usePendingTransferOf(member: { id: number; name: string }, enabled: boolean) {
  return useQuery({
    queryKey: ['transfers', 'pending-of', member.id],
    enabled,
    queryFn: async ({ signal }) => {
      const boxes = await Promise.all(
        (['outbox', 'inbox'] as const).map((box) =>
          apiGet<Page<Transfer>>(
            '/transfers',
            { box, status: 'pending', q: member.name, pageSize: 50 },
            signal,
          ).then((page) => page.items.filter((t) => t.memberId === member.id && startedFrom(t, box))),
        ),
      );
      return boxes.flat()[0] ?? null;
    },
  });
}

/**
 * Whether the union looking at a box started the transfer: the outbox holds what this side asked for
 * (as sender or as receiver), the inbox what waits for its decision. The server checks the same.
 */
export function startedFrom(_t: Transfer, box: 'inbox' | 'outbox'): boolean {
  return box === 'outbox';
}
