import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Campaign } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, formatDate, todayIso } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { useCampaigns } from '../api/campaigns.ts';
import { CreateCampaignModal } from '../components/CreateCampaignModal.tsx';

function stateTag(c: Campaign) {
  const today = todayIso();
  if (c.startedOn > today) return <Tag>未开始</Tag>;
  if (c.endedOn && c.endedOn < today) return <Tag color="default">已结束</Tag>;
  return <Tag color="green">进行中</Tag>;
}

/** The union and party formation campaigns in the user's territory. */
export function CampaignsPage() {
  const canCreate = useCan('employer:write');
  const campaigns = useCampaigns();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const asOf = params.get('asOf');
  const linkTo = (id: number) =>
    asOf ? `/campaigns/${id}?asOf=${encodeURIComponent(asOf)}` : `/campaigns/${id}`;

  const columns: TableColumnsType<Campaign> = [
    {
      title: '活动名称',
      dataIndex: 'name',
      render: (name: string, c) => (
        <Link to={linkTo(c.id)} data-testid="campaign-link">
          {name}
        </Link>
      ),
    },
    { title: '活动范围', dataIndex: 'orgUnitName', width: 220 },
    { title: '开始日期', dataIndex: 'startedOn', width: 120, render: (d: string) => formatDate(d) },
    { title: '结束日期', dataIndex: 'endedOn', width: 120, render: (d: string | null) => formatDate(d) },
    { title: '状态', key: 'state', width: 90, render: (_v, c) => stateTag(c) },
    { title: '说明', dataIndex: 'description', ellipsis: true, render: (d: string | null) => d ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_v, c) => (
        <Button type="link" size="small" onClick={() => void navigate(linkTo(c.id))}>
          查看进展
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="组建活动"
      data-testid="campaigns-page"
      extra={
        canCreate ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="campaign-create"
          >
            新建活动
          </Button>
        ) : null
      }
    >
      {campaigns.isError ? (
        <Alert type="error" showIcon title="活动载入失败" description={errorMessage(campaigns.error)} />
      ) : null}
      <Table<Campaign>
        data-testid="campaigns-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={campaigns.data ?? []}
        loading={campaigns.isFetching}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${formatCount(t)} 项活动` }}
      />
      {creating ? (
        <CreateCampaignModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            void message.success(`已新建活动 ${c.name}`);
            void navigate(`/campaigns/${c.id}`);
          }}
        />
      ) : null}
    </Card>
  );
}
