import { Link } from 'react-router';
import { useState } from 'react';
import type { Key } from 'react';
import { App as AntApp, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Tabs, Tag } from 'antd';
import { transferStatusLabels, type Transfer, type TransferStatus } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { testId } from '../components/testId.ts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { todayIso } from '../../../shared/format.ts';
import { ACTIONS, DataList, type ListColumn } from '../../../shared/list/DataList.tsx';
import { oneOfFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import {
  startedFrom,
  useBulkTransfer,
  useCancelTransfer,
  useDecideTransfers,
  useTransfers,
} from '../api/members.ts';

const statusColor: Record<TransferStatus, string> = {
  pending: 'gold',
  accepted: 'green',
  rejected: 'red',
  cancelled: 'default',
};

const transferStatuses = ['pending', 'accepted', 'rejected', 'cancelled'] as const;
/** The status filter: absent means the pending ones, 全部 means any. */
type StatusChoice = TransferStatus | 'all';

const listSpec = {
  filters: {
    box: oneOfFilter(['inbox', 'outbox'] as const),
    status: oneOfFilter<StatusChoice>([...transferStatuses, 'all']),
  },
  sorts: ['requestedOn'] as const,
  defaultSort: 'requestedOn' as const,
};

const statusOptions: { value: StatusChoice; label: string }[] = [
  ...transferStatuses.map((s) => ({ value: s, label: transferStatusLabels[s] })),
  { value: 'all', label: '全部' },
];

function TransferList({ onBulk }: { onBulk?: () => void }) {
  const { message } = AntApp.useApp();
  const canWrite = useCan('transfer:write');
  const state = useListState(listSpec);
  const box = state.filters.box ?? 'inbox';
  const choice = state.filters.status ?? 'pending';
  const status = choice === 'all' ? undefined : choice;
  const [selected, setSelected] = useState<Key[]>([]);
  const [rejecting, setRejecting] = useState<number[] | null>(null);
  const [reason, setReason] = useState('');
  const list = useTransfers({ box, status, page: state.page, pageSize: state.pageSize });
  const decide = useDecideTransfers();
  const cancel = useCancelTransfer();
  const selectedIds = selected.map(Number);
  const run = (ids: number[], accept: boolean, why?: string) =>
    decide.mutate(
      { transferIds: ids, accept, reason: why },
      {
        onSuccess: (r) => {
          setSelected([]);
          setRejecting(null);
          setReason('');
          if (r.failed.length > 0)
            void message.warning(
              `${r.decided} 条已处理，${r.failed.length} 条未成功：${r.failed[0].message}`,
            );
          else void message.success(accept ? `已接收 ${r.decided} 名会员` : `已退回 ${r.decided} 条`);
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  const columns: ListColumn<Transfer>[] = [
    { title: '会员', dataIndex: 'memberName', key: 'memberName', width: 96, ellipsis: true },
    { title: '身份证号码', dataIndex: 'residentIdMasked', key: 'residentIdMasked', width: 150 },
    { title: '转出工会', dataIndex: 'fromOrgUnitName', key: 'fromOrgUnitName', ellipsis: true },
    { title: '接收工会', dataIndex: 'toOrgUnitName', key: 'toOrgUnitName', ellipsis: true },
    { title: '原因', dataIndex: 'reason', key: 'reason', width: 88, ellipsis: true },
    { title: '申请日期', dataIndex: 'requestedOn', key: 'requestedOn', width: 104 },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 96,
      ellipsis: true,
      fullText: (t) => `${transferStatusLabels[t.status]}${t.decisionReason ? `：${t.decisionReason}` : ''}`,
      render: (s: TransferStatus, t) => (
        <span>
          <Tag color={statusColor[s]}>{transferStatusLabels[s]}</Tag>
          {t.decisionReason ? <span style={{ color: '#888' }}>{t.decisionReason}</span> : null}
        </span>
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: ACTIONS,
      width: 184,
      render: (_v, t) => (
        <Space size={0}>
          {t.status === 'pending' || t.status === 'accepted' ? (
            <Link to={`/members/transfers/${t.id}/letter`} data-testid="transfer-letter-link">
              <Button type="link" size="small">
                介绍信
              </Button>
            </Link>
          ) : null}
          {t.status === 'pending' ? (
            <Space size={0}>
              {box === 'inbox' ? (
                <>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => run([t.id], true)}
                    data-testid="transfer-accept"
                  >
                    {t.initiatedBy === 'sender' ? '接收' : '同意转出'}
                  </Button>
                  <Button type="link" size="small" danger onClick={() => setRejecting([t.id])}>
                    退回
                  </Button>
                </>
              ) : null}
              {startedFrom(t, box) ? (
                <Popconfirm
                  title={`撤回 ${t.memberName} 的接转申请？`}
                  description="撤回后会员留在原工会，接收工会不再看到这条申请。"
                  okText="撤回"
                  cancelText="不撤回"
                  okButtonProps={{ danger: true, loading: cancel.isPending, ...testId('withdraw-ok') }}
                  onConfirm={() =>
                    cancel.mutateAsync(t.id).then(
                      () => void message.success(`已撤回 ${t.memberName} 的接转申请`),
                      (e: unknown) => void message.error(errorMessage(e)),
                    )
                  }
                >
                  <Button type="link" size="small" danger data-testid="transfer-withdraw">
                    撤回
                  </Button>
                </Popconfirm>
              ) : null}
            </Space>
          ) : null}
        </Space>
      ),
    });
  }
  const batch = box === 'inbox' && canWrite;
  return (
    <DataList
      id="transfers"
      title="会员关系接转"
      cardTestId="transfers-page"
      extra={
        onBulk ? (
          <Button onClick={onBulk} data-testid="bulk-transfer">
            批量接转
          </Button>
        ) : null
      }
      before={
        <Tabs
          activeKey={box}
          onChange={(key) => {
            setSelected([]);
            state.setFilters({ box: key === 'outbox' ? 'outbox' : undefined });
          }}
          items={[
            { key: 'inbox', label: '待本会处理' },
            { key: 'outbox', label: '本会发起' },
          ]}
        />
      }
      list={state}
      toForm={(f) => ({ status: f.status })}
      fromForm={(values) => ({
        box: state.filters.box,
        status:
          values.status === 'all' || transferStatuses.some((t) => t === values.status)
            ? (values.status as StatusChoice)
            : undefined,
      })}
      filters={
        <Form.Item name="status">
          <FilterSelect<StatusChoice>
            placeholder="待处理"
            options={statusOptions}
            testId="transfers-status"
            width={140}
          />
        </Form.Item>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(n) => `共 ${n} 条`}
      loading={list.isFetching}
      error={list.error}
      errorTitle="接转申请载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      selection={
        batch
          ? {
              keys: selected,
              onChange: (keys) => setSelected(keys),
              disabled: (t) => t.status !== 'pending',
              actions: (
                <>
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => run(selectedIds, true)}
                    data-testid="transfer-accept-selected"
                  >
                    接收选中的 {selected.length} 条
                  </Button>
                  <Button danger size="small" onClick={() => setRejecting(selectedIds)}>
                    退回选中的
                  </Button>
                </>
              ),
            }
          : undefined
      }
      tableTestId={`transfers-${box}`}
    >
      <Modal
        title="退回接转申请"
        open={rejecting !== null}
        onCancel={() => setRejecting(null)}
        onOk={() =>
          reason.trim().length >= 2
            ? run(rejecting ?? [], false, reason.trim())
            : void message.warning('请填写退回原因')
        }
        okText="退回"
        okButtonProps={{ danger: true }}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="如：经核实未在本单位就业"
        />
      </Modal>
    </DataList>
  );
}

function BulkTransferModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const [form] = Form.useForm<{
    fromOrgUnitId: number;
    employerId?: number;
    toOrgUnitId: number;
    toEmployerId?: number;
    reason: string;
  }>();
  const bulk = useBulkTransfer();
  const { message } = AntApp.useApp();
  return (
    <Modal
      title="批量接转（如：村联合工会中在同一企业工作的会员，整体转入该企业工会）"
      open={open}
      width={640}
      onCancel={onClose}
      okButtonProps={{ loading: bulk.isPending, ...testId('bulk-ok') }}
      onOk={() =>
        void form.validateFields().then((v) =>
          bulk.mutate(
            { ...v, employerId: v.employerId ?? null, toEmployerId: v.toEmployerId ?? v.employerId ?? null },
            {
              onSuccess: (r) => {
                onClose();
                void message.success(`已发起 ${r.count} 名会员的接转，等待接收工会处理`);
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          ),
        )
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="fromOrgUnitId"
          label="转出工会"
          rules={[{ required: true, message: '请选择转出工会' }]}
        >
          <OrgPicker asOf={todayIso()} testId="bulk-from" />
        </Form.Item>
        <Form.Item name="employerId" label="只转在此单位工作的会员（单位编号，留空则转全部在册会员）">
          <InputNumber min={1} style={{ width: '100%' }} data-testid="bulk-employer" />
        </Form.Item>
        <Form.Item
          name="toOrgUnitId"
          label="接收工会"
          rules={[{ required: true, message: '请选择接收工会' }]}
        >
          <OrgPicker asOf={todayIso()} testId="bulk-to" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="接转原因"
          rules={[{ required: true, min: 2, message: '请填写接转原因（至少 2 个字）' }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="bulk-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TransfersPage() {
  const canWrite = useCan('transfer:write');
  const [bulkOpen, setBulkOpen] = useState(false);
  return (
    <>
      <TransferList onBulk={canWrite ? () => setBulkOpen(true) : undefined} />
      <BulkTransferModal open={bulkOpen} onClose={() => setBulkOpen(false)} />
    </>
  );
}
