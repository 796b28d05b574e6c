import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { App as AntApp, Button, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { FormationCampaign } from '@gonghui/contracts';
import { formatDate, todayIso } from '../../../shared/format.ts';
import { ACTIONS, DataList, type ListColumn } from '../../../shared/list/DataList.tsx';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan } from '../../auth/session.tsx';
import { useFormationCampaigns } from '../api/formation-campaigns.ts';
import { CreateFormationCampaignModal } from '../components/CreateFormationCampaignModal.tsx';

function stateTag(c: FormationCampaign) {
  const today = todayIso();
  if (c.startedOn > today) return <Tag>未开始</Tag>;
  if (c.endedOn && c.endedOn < today) return <Tag color="default">已结束</Tag>;
  return <Tag color="green">进行中</Tag>;
}

const listSpec = { filters: {}, sorts: ['startedOn'] as const, defaultSort: 'startedOn' as const };

/** The union and party formation campaigns in the user's territory. */
export function FormationCampaignsPage() {
  const canCreate = useCan('employer:write');
  const formationCampaigns = useFormationCampaigns();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const state = useListState(listSpec);
  const asOf = params.get('asOf');
  const linkTo = (id: number) =>
    asOf ? `/formation-campaigns/${id}?asOf=${encodeURIComponent(asOf)}` : `/formation-campaigns/${id}`;

  const columns: ListColumn<FormationCampaign>[] = [
    {
      title: '活动名称',
      dataIndex: 'name',
      key: 'name',
      ellipsis: true,
      fullText: (c) => c.name,
      render: (name: string, c) => (
        <Link to={linkTo(c.id)} data-testid="formation-campaign-link">
          {name}
        </Link>
      ),
    },
    { title: '活动范围', dataIndex: 'orgUnitName', key: 'orgUnitName', width: 200, ellipsis: true },
    {
      title: '开始日期',
      dataIndex: 'startedOn',
      key: 'startedOn',
      width: 108,
      render: (d: string) => formatDate(d),
    },
    {
      title: '结束日期',
      dataIndex: 'endedOn',
      key: 'endedOn',
      width: 108,
      render: (d: string | null) => formatDate(d),
    },
    { title: '状态', key: 'state', width: 80, render: (_v, c) => stateTag(c) },
    {
      title: '说明',
      dataIndex: 'description',
      key: 'description',
      ellipsis: true,
      render: (d: string | null) => d ?? '—',
    },
    {
      title: '操作',
      key: ACTIONS,
      width: 96,
      render: (_v, c) => (
        <Button type="link" size="small" onClick={() => void navigate(linkTo(c.id))}>
          查看进展
        </Button>
      ),
    },
  ];

  return (
    <DataList
      id="formationCampaigns"
      title="组建活动"
      cardTestId="formation-campaigns-page"
      extra={
        canCreate ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="formation-campaign-create"
          >
            新建活动
          </Button>
        ) : null
      }
      list={state}
      columns={columns}
      rows={formationCampaigns.data}
      totalText={(t) => `共 ${t} 项活动`}
      loading={formationCampaigns.isFetching}
      error={formationCampaigns.error}
      errorTitle="活动载入失败"
      onRefresh={() => void formationCampaigns.refetch()}
      rowKey="id"
      tableTestId="formation-campaigns-table"
    >
      {creating ? (
        <CreateFormationCampaignModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            void message.success(`已新建活动 ${c.name}`);
            void navigate(`/formation-campaigns/${c.id}`);
          }}
        />
      ) : null}
    </DataList>
  );
}
