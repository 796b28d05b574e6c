import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  InputNumber,
  Modal,
  Space,
  Spin,
  Table,
  Tag,
  type ButtonProps,
} from 'antd';
import {
  assistanceKindLabels,
  hardshipCategoryLabels,
  hardshipStatusLabels,
  healthStateLabels,
  householdRelationLabels,
  suddenCauseLabels,
  type AssistanceGiven,
  type HardshipArchiveDetail,
  type HardshipStatus,
  type HouseholdMember,
} from '@gonghui/contracts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { errorMessage } from '../../../api/client.ts';
import { formatDate } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { useArchive, useUpdateHouseholdMember } from '../api/archives.ts';
import { ArchiveReviewModal, ArchiveStatusModal } from '../components/ArchiveLifecycleModals.tsx';
import { CategoryTag } from '../components/CategoryTag.tsx';
import { GiveAssistanceModal } from '../components/GiveAssistanceModal.tsx';
import { yuan } from '../components/money.ts';

/** The arithmetic behind the category, step by step, with the line and the rule that applied. */
function Arithmetic({ a }: { a: HardshipArchiveDetail }) {
  const x = a.arithmetic;
  return (
    <Descriptions column={1} size="small" bordered data-testid="archive-arithmetic">
      <Descriptions.Item label="家庭年可支配收入">
        {yuan(x.annualIncomeFen)} 元（家庭成员年收入之和）
      </Descriptions.Item>
      <Descriptions.Item label="减：刚性支出">{yuan(x.unavoidableExpenseFen)} 元</Descriptions.Item>
      <Descriptions.Item label="月人均收入">
        <span data-testid="archive-per-capita">
          （{yuan(x.annualIncomeFen)} − {yuan(x.unavoidableExpenseFen)}）÷ 12 ÷ {x.householdSize} 人 ={' '}
          {yuan(x.perCapitaMonthlyFen)} 元
        </span>
      </Descriptions.Item>
      <Descriptions.Item label="最低生活保障标准">
        {yuan(x.lineMonthlyFen)} 元/人·月（{x.lineUnitName}，{x.lineYear} 年）；两倍为{' '}
        {yuan(x.lineMonthlyFen * 2)} 元
      </Descriptions.Item>
      <Descriptions.Item label="结论">
        <Space>
          <CategoryTag category={a.category} />
          <span>
            {a.category === 'deep'
              ? '月人均收入低于最低生活保障标准'
              : a.category === 'relative'
                ? '月人均收入低于最低生活保障标准的两倍'
                : a.category === 'sudden'
                  ? `月人均收入不低于标准的两倍，但因${a.suddenCause ? suddenCauseLabels[a.suddenCause] : '意外'}致困`
                  : '月人均收入不低于标准的两倍，且无意外致困情形'}
            （计算规则 {x.ruleVersion}）
          </span>
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}

function IncomeModal({
  archiveId,
  member,
  onClose,
}: {
  archiveId: number;
  member: HouseholdMember;
  onClose(): void;
}) {
  const { message } = AntApp.useApp();
  const [yuanValue, setYuanValue] = useState<number | null>(member.annualIncomeFen / 100);
  const update = useUpdateHouseholdMember(archiveId);
  const okProps: ButtonProps & Record<`data-${string}`, string> = {
    loading: update.isPending,
    'data-testid': 'archive-income-ok',
  };
  return (
    <Modal
      title={`修改「${member.name}」的年收入`}
      open
      onCancel={onClose}
      okText="保存"
      okButtonProps={okProps}
      onOk={async () => {
        if (yuanValue === null || yuanValue < 0) {
          void message.warning('年收入不能为负');
          return;
        }
        try {
          const r = await update.mutateAsync({
            memberId: member.id,
            body: { annualIncomeFen: Math.round(yuanValue * 100) },
          });
          void message.success(`已保存，困难类别为「${hardshipCategoryLabels[r.category]}」`);
          onClose();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label="年收入（元）">
          <InputNumber
            value={yuanValue}
            onChange={(v) => setYuanValue(v)}
            min={0}
            precision={2}
            style={{ width: 200 }}
            data-testid="archive-income-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One household's archive: its members, its category with the arithmetic, its lifecycle. */
export function ArchivePage() {
  const id = Number(useParams().id);
  const canWrite = useCan('assistance:write');
  const found = useArchive(id);
  const [editing, setEditing] = useState<HouseholdMember | null>(null);
  const [giving, setGiving] = useState(false);
  const [closing, setClosing] = useState<HardshipStatus | null>(null);
  const [reviewing, setReviewing] = useState(false);
  if (!Number.isInteger(id) || id < 1 || isNotFound(found.error))
    return (
      <NotFoundResult
        what="困难职工档案"
        back={{ to: '/assistance/archives', label: '返回档案列表' }}
        testId="archive-not-found"
      />
    );
  if (found.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (found.isError)
    return (
      <Alert type="error" showIcon title="困难职工档案载入失败" description={errorMessage(found.error)} />
    );
  const a = found.data;
  const columns = [
    { title: '姓名', dataIndex: 'name' },
    {
      title: '关系',
      dataIndex: 'relation',
      render: (r: HouseholdMember['relation']) => householdRelationLabels[r],
    },
    { title: '身份证号', dataIndex: 'residentIdMasked' },
    {
      title: '健康状况',
      dataIndex: 'health',
      render: (h: HouseholdMember['health']) => healthStateLabels[h],
    },
    {
      title: '年收入（元）',
      dataIndex: 'annualIncomeFen',
      align: 'right' as const,
      render: (f: number) => yuan(f),
    },
    { title: '就学或就业', dataIndex: 'occupation', render: (o: string | null) => o ?? '—' },
    ...(canWrite && a.status === 'active'
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_v: unknown, m: HouseholdMember) => (
              <Button
                type="link"
                size="small"
                onClick={() => setEditing(m)}
                data-testid="archive-edit-income"
              >
                修改收入
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="archive-page">
      <Card
        title={
          <Space>
            <span>{a.headName} 户</span>
            <CategoryTag category={a.category} />
            <Tag data-testid="archive-status-tag">{hardshipStatusLabels[a.status]}</Tag>
          </Space>
        }
        extra={<Link to="/assistance/archives">返回列表</Link>}
      >
        {canWrite && a.status !== 'cancelled' ? (
          <Space wrap style={{ marginBottom: 12 }} data-testid="archive-actions">
            {a.status === 'active' ? (
              <>
                <Button type="primary" onClick={() => setReviewing(true)} data-testid="archive-review-open">
                  年度复核
                </Button>
                <Button onClick={() => setClosing('exited')} data-testid="archive-exit-open">
                  脱困
                </Button>
              </>
            ) : (
              <Button onClick={() => setClosing('active')} data-testid="archive-reactivate-open">
                恢复在档
              </Button>
            )}
            <Button danger onClick={() => setClosing('cancelled')} data-testid="archive-cancel-open">
              注销
            </Button>
          </Space>
        ) : null}
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="户主身份证号">{a.headResidentIdMasked}</Descriptions.Item>
          <Descriptions.Item label="建档单位">{a.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="下次复核">
            <span data-testid="archive-review-due">{formatDate(a.reviewDueOn)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="致困原因">
            {a.suddenCause ? suddenCauseLabels[a.suddenCause] : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="说明" span={2}>
            {a.suddenNote ?? a.statusReason ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="困难类别的计算">
        <Arithmetic a={a} />
      </Card>
      <Card title="家庭成员">
        <Table<HouseholdMember>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={a.members}
          pagination={false}
          data-testid="archive-members"
        />
      </Card>
      <Card
        title={`帮扶记录（累计资金 ${yuan(a.assistedFen)} 元）`}
        extra={
          canWrite && a.status !== 'cancelled' ? (
            <Button onClick={() => setGiving(true)} data-testid="archive-give-open">
              记录帮扶
            </Button>
          ) : null
        }
      >
        <Table<AssistanceGiven>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={a.assistance}
          locale={{ emptyText: '尚未记录帮扶' }}
          data-testid="archive-assistance"
          columns={[
            { title: '日期', dataIndex: 'givenOn', render: (d: string) => formatDate(d) },
            {
              title: '方式',
              dataIndex: 'kind',
              render: (k: AssistanceGiven['kind']) => assistanceKindLabels[k],
            },
            {
              title: '金额（元）',
              dataIndex: 'amountFen',
              align: 'right',
              render: (f: number | null) => (f === null ? '—' : yuan(f)),
            },
            { title: '内容', dataIndex: 'description', render: (d: string | null) => d ?? '—' },
            { title: '来源', dataIndex: 'fund' },
            { title: '案件', dataIndex: 'caseNumber', render: (n: string | null) => n ?? '—' },
          ]}
        />
      </Card>
      {closing ? <ArchiveStatusModal a={a} status={closing} onClose={() => setClosing(null)} /> : null}
      {reviewing ? <ArchiveReviewModal a={a} onClose={() => setReviewing(false)} /> : null}
      {giving ? <GiveAssistanceModal archiveId={a.id} onClose={() => setGiving(false)} /> : null}
      {editing ? <IncomeModal archiveId={a.id} member={editing} onClose={() => setEditing(null)} /> : null}
    </Space>
  );
}
