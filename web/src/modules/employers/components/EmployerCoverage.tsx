import { Link } from 'react-router';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import {
  agreementKindLabels,
  type Agreement,
  type Employer,
  type Member,
  type Page,
} from '@gonghui/contracts';
import { apiGet, errorMessage } from '../../../api/client.ts';
import { formatCount, formatDate, todayIso } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';

/** Who covers the firm: its own grassroots union, or the joint union of its village, or none yet. */
export function CoveringUnion({ employer: e }: { employer: Employer }) {
  if (e.unionStatus === 'own' && e.grassrootsUnionId !== null) {
    return (
      <Link to={`/orgs?unit=${e.grassrootsUnionId}`} data-testid="employer-covering-union">
        {e.grassrootsUnionName ?? '本单位基层工会'}
      </Link>
    );
  }
  if (e.unionStatus === 'joint') {
    return (
      <Space size={4}>
        <Link to={`/orgs?unit=${e.orgUnitId}`} data-testid="employer-covering-union">
          {e.orgUnitName}
        </Link>
        <Typography.Text type="secondary">（联合建会覆盖）</Typography.Text>
      </Space>
    );
  }
  return (
    <Typography.Text type="secondary">{e.unionStatus === 'preparing' ? '筹建中' : '未建会'}</Typography.Text>
  );
}

/** The firm's members on the roll, with a link to exactly those rows of the roster. */
export function EmployerMembers({ employerId }: { employerId: number }) {
  const canRead = useCan('member:read');
  const members = useQuery({
    queryKey: ['members', 'list', 'of-employer', employerId],
    enabled: canRead,
    queryFn: ({ signal }) =>
      apiGet<Page<Member>>('/members', { employerId, status: 'active', pageSize: 1 }, signal),
  });
  if (!canRead) return <>—</>;
  if (members.isError) return <Typography.Text type="danger">{errorMessage(members.error)}</Typography.Text>;
  if (!members.data) return <>…</>;
  return (
    <Link to={`/members?employerId=${employerId}&status=active`} data-testid="employer-members-link">
      {formatCount(members.data.total)}
      {members.data.totalCapped ? '+' : ''} 人在册
    </Link>
  );
}

/** The collective agreements that cover the firm, latest first. */
export function EmployerAgreements({ employerId }: { employerId: number }) {
  const canRead = useCan('agreement:read');
  const agreements = useQuery({
    queryKey: ['agreements', 'of-employer', employerId],
    enabled: canRead,
    queryFn: ({ signal }) =>
      apiGet<Page<Agreement>>(
        '/agreements',
        { employerId, pageSize: 50, sort: 'startsOn', order: 'desc' },
        signal,
      ),
  });
  if (!canRead) return null;
  const today = todayIso();
  return (
    <Card title="集体合同" size="small" data-testid="employer-agreements">
      {agreements.isError ? (
        <Alert type="error" showIcon title={errorMessage(agreements.error)} />
      ) : (
        <Table<Agreement>
          size="small"
          rowKey="id"
          loading={agreements.isPending}
          pagination={false}
          dataSource={agreements.data?.items ?? []}
          locale={{ emptyText: '该单位尚无集体合同' }}
          columns={[
            {
              title: '合同名称',
              dataIndex: 'title',
              ellipsis: true,
              render: (title: string, a) => <Link to={`/agreements/${a.id}`}>{title}</Link>,
            },
            {
              title: '类型',
              key: 'kind',
              width: 180,
              render: (_v, a) => `${agreementKindLabels[a.kind]}${a.wageSpecific ? '（工资专项）' : ''}`,
            },
            {
              title: '期限',
              key: 'term',
              width: 210,
              render: (_v, a) => `${formatDate(a.startsOn)} 至 ${formatDate(a.endsOn)}`,
            },
            {
              title: '状态',
              key: 'state',
              width: 90,
              render: (_v, a) =>
                a.startsOn <= today && today <= a.endsOn ? (
                  <Tag color="green">有效</Tag>
                ) : a.endsOn < today ? (
                  <Tag>已到期</Tag>
                ) : (
                  <Tag color="blue">未生效</Tag>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
