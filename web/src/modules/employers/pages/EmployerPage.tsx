import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  EditOutlined,
  FlagOutlined,
  StopOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { industryLabel, unitCategoryName, type Employer } from '@gonghui/contracts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, formatDate, formatDateTime } from '../../../shared/format.ts';
import { usePageTitle } from '../../../layout/pageTitle.ts';
import { useCan } from '../../auth/session.tsx';
import { useEmployer } from '../api/employers.ts';
import {
  CloseEmployerModal,
  InstructorModal,
  PartyModal,
  UnionModal,
} from '../components/EmployerActionModals.tsx';
import { CoveringUnion, EmployerAgreements, EmployerMembers } from '../components/EmployerCoverage.tsx';
import { EmployerFormModal } from '../components/EmployerFormModal.tsx';
import { PartyTag, UnionTag } from '../components/StatusTags.tsx';
import { StatusTimeline } from '../components/StatusTimeline.tsx';

type ActionKey = 'edit' | 'union' | 'party' | 'instructor' | 'close';

function parseId(value: string | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && id <= 2147483647 ? id : null;
}

function BackLink() {
  return (
    <Link to="/employers" data-testid="employer-back">
      <ArrowLeftOutlined /> 返回单位列表
    </Link>
  );
}

/** One employer: its registration, its union and party status with their history, and the actions on them. */
export function EmployerPage() {
  const id = parseId(useParams().id);
  const employer = useEmployer(id);
  const canWrite = useCan('employer:write');
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState<ActionKey | null>(null);
  usePageTitle(employer.data?.name);

  if (id === null || isNotFound(employer.error)) {
    return (
      <NotFoundResult
        what="单位"
        back={{ to: '/employers', label: '返回单位列表', testId: 'employer-back' }}
        testId="employer-not-found"
      />
    );
  }
  if (employer.isError) {
    return <Alert type="error" showIcon title="单位载入失败" description={errorMessage(employer.error)} />;
  }
  if (employer.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;

  const e = employer.data;
  const closed = e.closedOn !== null;
  const done = (_result: Employer, text: string) => {
    setOpen(null);
    void message.success(text);
  };
  const close = () => setOpen(null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="employer-page">
      <BackLink />
      {closed ? (
        <Alert
          type="warning"
          showIcon
          title={`该单位已于 ${formatDate(e.closedOn)} 注销`}
          description="注销的单位只能查看，不能再修改。"
        />
      ) : null}
      <Card
        title={
          <Space size={8} wrap>
            <span data-testid="employer-title">{e.name}</span>
            <UnionTag status={e.unionStatus} />
            <PartyTag status={e.partyStatus} />
            {e.aboveScale ? <Tag color="blue">规模以上</Tag> : null}
            {closed ? <Tag>已注销</Tag> : null}
          </Space>
        }
        extra={
          canWrite && !closed ? (
            <Space wrap data-testid="employer-actions">
              <Button
                type="primary"
                icon={<FlagOutlined />}
                onClick={() => setOpen('union')}
                data-testid="action-union"
              >
                建会
              </Button>
              <Button icon={<TeamOutlined />} onClick={() => setOpen('party')} data-testid="action-party">
                党组织
              </Button>
              <Button
                icon={<UserAddOutlined />}
                onClick={() => setOpen('instructor')}
                data-testid="action-instructor"
              >
                党建指导员
              </Button>
              <Button icon={<EditOutlined />} onClick={() => setOpen('edit')} data-testid="action-edit">
                编辑
              </Button>
              <Button
                danger
                icon={<StopOutlined />}
                onClick={() => setOpen('close')}
                data-testid="action-close"
              >
                注销
              </Button>
            </Space>
          ) : null
        }
      >
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          size="small"
          data-testid="employer-details"
          items={[
            {
              key: 'code',
              label: '统一社会信用代码',
              children: (
                <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                  {e.creditCode}
                </Typography.Text>
              ),
            },
            {
              key: 'category',
              label: '单位类别',
              children: `${unitCategoryName(e.unitCategory)}${e.nonPublic ? '（非公）' : ''}`,
            },
            { key: 'industry', label: '所属行业', children: industryLabel(e.industryCode) },
            { key: 'employees', label: '职工人数', children: `${formatCount(e.employees)} 人` },
            { key: 'above', label: '规模以上', children: e.aboveScale ? '是' : '否' },
            { key: 'locality', label: '所在村（社区）', children: e.orgUnitName },
            { key: 'union', label: '覆盖的工会', children: <CoveringUnion employer={e} /> },
            { key: 'members', label: '会员', children: <EmployerMembers employerId={e.id} /> },
            { key: 'instructor', label: '党建指导员', children: e.instructorName ?? '—' },
            { key: 'registered', label: '登记日期', children: formatDate(e.registeredOn) },
            { key: 'address', label: '地址', children: e.address ?? '—' },
            { key: 'contact', label: '联系人', children: e.contactName ?? '—' },
            { key: 'phone', label: '联系电话', children: e.contactPhone ?? '—' },
            { key: 'updated', label: '最后修改', children: formatDateTime(e.updatedAt) },
          ]}
        />
      </Card>
      <EmployerAgreements employerId={e.id} />
      <Card title="状态沿革（工会、党组织、党建指导员）" size="small" data-testid="employer-history">
        <StatusTimeline history={e.history} />
      </Card>
      {open === 'edit' ? (
        <EmployerFormModal employer={e} onClose={close} onSaved={(r) => done(r, '已保存')} />
      ) : null}
      {open === 'union' ? <UnionModal employer={e} onClose={close} onDone={done} /> : null}
      {open === 'party' ? <PartyModal employer={e} onClose={close} onDone={done} /> : null}
      {open === 'instructor' ? <InstructorModal employer={e} onClose={close} onDone={done} /> : null}
      {open === 'close' ? <CloseEmployerModal employer={e} onClose={close} onDone={done} /> : null}
    </Space>
  );
}
