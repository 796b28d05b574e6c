import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { transferStatusLabels, type Transfer, type TransferStatus } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { testId } from '../components/testId.ts';
import { formatCount } from '../../../shared/format.ts';
import { todayIso } from '../../../shared/format.ts';
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

function TransferTable({ box }: { box: 'inbox' | 'outbox' }) {
  const { message } = AntApp.useApp();
  const canWrite = useCan('transfer:write');
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<TransferStatus | undefined>('pending');
  const [selected, setSelected] = useState<number[]>([]);
  const [rejecting, setRejecting] = useState<number[] | null>(null);
  const [reason, setReason] = useState('');
  const list = useTransfers({ box, status, page, pageSize: 20 });
  const decide = useDecideTransfers();
  const cancel = useCancelTransfer();
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
  const columns: TableColumnsType<Transfer> = [
    { title: '会员', dataIndex: 'memberName', width: 150 },
    { title: '身份证号码', dataIndex: 'residentIdMasked', width: 190 },
    { title: '转出工会', dataIndex: 'fromOrgUnitName', ellipsis: true },
    { title: '接收工会', dataIndex: 'toOrgUnitName', ellipsis: true },
    { title: '原因', dataIndex: 'reason', ellipsis: true },
    { title: '申请日期', dataIndex: 'requestedOn', width: 110 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 160,
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
      key: 'actions',
      width: 150,
      render: (_v, t) =>
        t.status === 'pending' ? (
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
        ) : null,
    });
  }
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {(['pending', 'accepted', 'rejected', 'cancelled'] as const).map((s) => (
          <Button
            key={s}
            type={status === s ? 'primary' : 'default'}
            size="small"
            onClick={() => {
              setStatus(s);
              setPage(1);
            }}
          >
            {transferStatusLabels[s]}
          </Button>
        ))}
        <Button
          size="small"
          type={status === undefined ? 'primary' : 'default'}
          onClick={() => setStatus(undefined)}
        >
          全部
        </Button>
        {box === 'inbox' && canWrite && selected.length > 0 ? (
          <>
            <Button
              type="primary"
              size="small"
              onClick={() => run(selected, true)}
              data-testid="transfer-accept-selected"
            >
              接收选中的 {selected.length} 条
            </Button>
            <Button danger size="small" onClick={() => setRejecting(selected)}>
              退回选中的
            </Button>
          </>
        ) : null}
      </Space>
      {list.error ? <Alert type="error" showIcon title={errorMessage(list.error)} /> : null}
      <Table<Transfer>
        rowKey="id"
        size="middle"
        columns={columns}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid={`transfers-${box}`}
        rowSelection={
          box === 'inbox' && canWrite
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (t) => ({ disabled: t.status !== 'pending' }),
              }
            : undefined
        }
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => `共 ${formatCount(n)} 条`,
        }}
      />
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
    </>
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
    <Card
      title="会员关系接转"
      extra={
        canWrite ? (
          <Button onClick={() => setBulkOpen(true)} data-testid="bulk-transfer">
            批量接转
          </Button>
        ) : null
      }
    >
      <Tabs
        items={[
          { key: 'inbox', label: '待本会处理', children: <TransferTable box="inbox" /> },
          { key: 'outbox', label: '本会发起', children: <TransferTable box="outbox" /> },
        ]}
      />
      <BulkTransferModal open={bulkOpen} onClose={() => setBulkOpen(false)} />
    </Card>
  );
}
