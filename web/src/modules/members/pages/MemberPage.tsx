import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Timeline,
  DatePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { householdTypeLabels, maskName, memberStatusLabels, type MemberStatus } from '@gonghui/contracts';
import { usePageTitle } from '../../../layout/pageTitle.ts';
import { errorMessage } from '../../../api/client.ts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { testId } from '../components/testId.ts';
import { todayIso } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import {
  useCancelTransfer,
  useChangeStatus,
  useMember,
  usePendingTransferOf,
  useStartTransfer,
} from '../api/members.ts';
import { EditMemberModal } from '../components/EditMemberModal.tsx';
import { RevealButton } from '../components/RevealButton.tsx';
import { StatusTag } from './MembersPage.tsx';

const changeLabels: Record<string, string> = {
  enrol: '入会',
  transfer: '会员关系接转',
  status: '会籍变更',
  employer: '更换工作单位',
  employer_closed: '单位注销，转到上级工会',
  import: '名册导入',
};

export function MemberPage() {
  const id = Number(useParams().id);
  const member = useMember(id);
  // The breadcrumb and the tab name the member masked, as others may see the screen.
  usePageTitle(member.data ? `${maskName(member.data.name)}（${member.data.registryNo}）` : null);
  const { message } = AntApp.useApp();
  const canWrite = useCan('member:write');
  const canTransfer = useCan('transfer:write');
  const [transferOpen, setTransferOpen] = useState(false);
  const [statusOpen, setStatusOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [transferForm] = Form.useForm<{ toOrgUnitId: number; reason: string }>();
  const [statusForm] = Form.useForm<{ status: MemberStatus; date: Dayjs; note: string }>();
  const startTransfer = useStartTransfer();
  const changeStatus = useChangeStatus();
  const cancelTransfer = useCancelTransfer();
  const pending = usePendingTransferOf(
    { id, name: member.data?.name ?? '' },
    canTransfer && member.data !== undefined,
  );
  if (member.isLoading) return <Spin />;
  if (isNotFound(member.error)) {
    return (
      <NotFoundResult
        what="会员"
        back={{ to: '/members', label: '返回会员名册' }}
        testId="member-not-found"
      />
    );
  }
  if (member.error || !member.data) return <Alert type="error" showIcon title={errorMessage(member.error)} />;
  const m = member.data;
  const waiting = pending.data ?? null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {waiting ? (
        <Alert
          type="info"
          showIcon
          data-testid="member-pending-transfer"
          title={`${waiting.requestedOn} 已发起转往「${waiting.toOrgUnitName}」的会员关系接转，等待接收工会处理`}
          description={`接转原因：${waiting.reason}`}
          action={
            <Popconfirm
              title="撤回这条接转申请？"
              description="撤回后会员留在原工会，可以重新发起接转。"
              okText="撤回"
              cancelText="不撤回"
              okButtonProps={{ danger: true, loading: cancelTransfer.isPending, ...testId('withdraw-ok') }}
              onConfirm={() =>
                cancelTransfer.mutateAsync(waiting.id).then(
                  () => void message.success('接转申请已撤回'),
                  (e: unknown) => void message.error(errorMessage(e)),
                )
              }
            >
              <Button size="small" danger data-testid="member-transfer-withdraw">
                撤回
              </Button>
            </Popconfirm>
          }
        />
      ) : null}
      <Card
        title={`${m.name}（${m.registryNo}）`}
        extra={
          <Space>
            {canWrite ? (
              <Button onClick={() => setEditOpen(true)} data-testid="member-edit-open">
                修改信息
              </Button>
            ) : null}
            {canTransfer &&
            !waiting &&
            m.status !== 'left' &&
            m.status !== 'deceased' &&
            m.status !== 'transferred' ? (
              <Button type="primary" onClick={() => setTransferOpen(true)} data-testid="member-transfer">
                发起接转
              </Button>
            ) : null}
            {canWrite ? <Button onClick={() => setStatusOpen(true)}>变更会籍</Button> : null}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} bordered size="small">
          <Descriptions.Item label="身份证号码">
            <RevealButton memberId={m.id} field="residentId" masked={m.residentIdMasked} />
          </Descriptions.Item>
          <Descriptions.Item label="手机号码">
            <RevealButton memberId={m.id} field="phone" masked={m.phoneMasked} />
          </Descriptions.Item>
          <Descriptions.Item label="性别 / 出生日期">
            {m.gender === 'male' ? '男' : '女'}，{m.birthDate}
          </Descriptions.Item>
          <Descriptions.Item label="所属工会">
            <Link to={`/orgs?unit=${m.orgUnitId}`} data-testid="member-union-link">
              {m.orgUnitName}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label="工作单位">
            {m.employerId !== null && m.employerName ? (
              <Link to={`/employers/${m.employerId}`} data-testid="member-employer-link">
                {m.employerName}
              </Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="会籍">
            <StatusTag status={m.status} /> 自 {m.statusSince}
          </Descriptions.Item>
          <Descriptions.Item label="入会日期">{m.joinedOn}</Descriptions.Item>
          <Descriptions.Item label="民族 / 文化程度">
            {m.ethnicity ?? '—'} / {m.education ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="户籍 / 身份">
            {m.householdType ? householdTypeLabels[m.householdType] : '—'}
            {m.migrantWorker ? '，农民工' : ''}
            {m.newEmploymentForm ? '，新就业形态' : ''}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="会籍沿革（所在过的每一个工会）">
        <Timeline
          data-testid="member-history"
          items={m.history.map((h) => ({
            color: h.validTo ? 'gray' : 'green',
            children: (
              <div>
                <strong>{h.orgUnitName}</strong>（{memberStatusLabels[h.status]}）{h.validFrom} 至{' '}
                {h.validTo ?? '今'}
                <div style={{ color: '#888' }}>
                  {changeLabels[h.change] ?? h.change}
                  {h.employerName ? `，工作单位：${h.employerName}` : ''}
                  {h.note ? `，${h.note}` : ''}
                </div>
              </div>
            ),
          }))}
        />
      </Card>
      {editOpen ? <EditMemberModal member={m} open onClose={() => setEditOpen(false)} /> : null}
      <Modal
        title="发起会员关系接转"
        open={transferOpen}
        onCancel={() => setTransferOpen(false)}
        okButtonProps={{ loading: startTransfer.isPending, ...testId('transfer-ok') }}
        onOk={() =>
          void transferForm.validateFields().then((v) =>
            startTransfer.mutate(
              { memberId: m.id, ...v },
              {
                onSuccess: () => {
                  setTransferOpen(false);
                  void message.success('已发起接转，等待接收工会处理');
                },
                onError: (e) => void message.error(errorMessage(e)),
              },
            ),
          )
        }
        destroyOnHidden
      >
        <Form form={transferForm} layout="vertical" preserve={false}>
          <Form.Item
            name="toOrgUnitId"
            label="接收工会"
            rules={[{ required: true, message: '请选择接收工会' }]}
          >
            <OrgPicker asOf={todayIso()} testId="transfer-to" placeholder="输入名称或拼音首字母查找" />
          </Form.Item>
          <Form.Item
            name="reason"
            label="接转原因"
            rules={[{ required: true, min: 2, message: '请填写接转原因（至少 2 个字）' }]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="transfer-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="变更会籍状态"
        open={statusOpen}
        onCancel={() => setStatusOpen(false)}
        okButtonProps={{ loading: changeStatus.isPending }}
        onOk={() =>
          void statusForm.validateFields().then((v) =>
            changeStatus.mutate(
              { id: m.id, body: { status: v.status, date: v.date.format('YYYY-MM-DD'), note: v.note } },
              {
                onSuccess: () => {
                  setStatusOpen(false);
                  void message.success('会籍状态已变更');
                },
                onError: (e) => void message.error(errorMessage(e)),
              },
            ),
          )
        }
        destroyOnHidden
      >
        <Form form={statusForm} layout="vertical" preserve={false} initialValues={{ date: dayjs() }}>
          <Form.Item name="status" label="新的状态" rules={[{ required: true, message: '请选择' }]}>
            <Select
              options={(['active', 'retired', 'unemployed', 'left', 'deceased'] as const)
                .filter((s) => s !== m.status)
                .map((s) => ({ value: s, label: memberStatusLabels[s] }))}
            />
          </Form.Item>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="note"
            label="说明"
            rules={[{ required: true, min: 2, message: '请填写说明（至少 2 个字）' }]}
          >
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
