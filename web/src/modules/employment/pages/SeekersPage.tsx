import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Form } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  jobCategoryLabels,
  seekerChannelLabels,
  seekerChannels,
  seekerSituationLabels,
  seekerSituations,
  seekerSorts,
  seekerStatusLabels,
  seekerStatuses,
  type Seeker,
  type SeekerChannel,
  type SeekerSituation,
  type SeekerStatus,
} from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatDate, todayIso } from '../../../shared/format.ts';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { idFilter, oneOfFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { seekerQuery, useSeekerList, type SeekerFilters } from '../api/employment.ts';
import { RegisterSeekerModal } from '../components/RegisterSeekerModal.tsx';
import { SeekerStatusTag } from '../components/seekerTags.tsx';

const listSpec = {
  filters: {
    q: textFilter(50),
    situation: oneOfFilter<SeekerSituation>(seekerSituations),
    status: oneOfFilter<SeekerStatus>(seekerStatuses),
    registeredVia: oneOfFilter<SeekerChannel>(seekerChannels),
    fairId: idFilter,
    orgUnitId: idFilter,
  },
  sorts: seekerSorts,
  defaultSort: 'registeredOn' as const,
  defaultOrder: 'desc' as const,
};

/** The job seekers registered in the user's territory. */
export function SeekersPage() {
  const canWrite = useCan('employment:write');
  const me = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const state = useListState(listSpec);
  const filters: SeekerFilters = { q: '', ...state.filters, sort: state.sort, order: state.order };
  const list = useSeekerList({ ...filters, page: state.page, pageSize: state.pageSize });

  const columns: ListColumn<Seeker>[] = [
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      sortKey: 'name',
      width: 120,
      render: (name: string, s) => (
        <Link to={`/employment/seekers/${s.id}`} data-testid="seeker-link">
          {name}
        </Link>
      ),
    },
    { title: '身份证号码', dataIndex: 'residentIdMasked', key: 'residentIdMasked', width: 160 },
    {
      title: '人员类别',
      key: 'situation',
      width: 130,
      ellipsis: true,
      render: (_v, s) => seekerSituationLabels[s.situation],
    },
    {
      title: '求职意向',
      key: 'wishes',
      ellipsis: true,
      render: (_v, s) => s.wishedCategories.map((c) => jobCategoryLabels[c]).join('、'),
    },
    { title: '登记单位', dataIndex: 'orgUnitName', key: 'orgUnitName', width: 130, ellipsis: true },
    {
      title: '登记渠道',
      key: 'registeredVia',
      // Widths held down so that every column, 状态 included, fits a 1366 px screen.
      width: 130,
      ellipsis: true,
      render: (_v, s) => seekerChannelLabels[s.registeredVia],
    },
    {
      title: '登记日期',
      dataIndex: 'registeredOn',
      key: 'registeredOn',
      width: 100,
      sortKey: 'registeredOn',
      render: (d: string) => formatDate(d),
    },
    { title: '状态', key: 'status', width: 80, render: (_v, s) => <SeekerStatusTag status={s.status} /> },
    {
      title: '操作',
      key: ACTIONS,
      width: 56,
      render: (_v, s) => <Link to={`/employment/seekers/${s.id}`}>详情</Link>,
    },
  ];

  return (
    <DataList
      id="seekers"
      title="求职人员"
      cardTestId="seekers-page"
      extra={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="seeker-create"
          >
            登记求职人员
          </Button>
        ) : null
      }
      list={state}
      filters={
        <>
          <Form.Item name="q">
            <SearchField placeholder="姓名或身份证后四位" testId="seekers-search" width={170} />
          </Form.Item>
          <Form.Item name="situation">
            <FilterSelect<SeekerSituation>
              placeholder="人员类别"
              options={seekerSituations.map((s) => ({ value: s, label: seekerSituationLabels[s] }))}
              testId="seekers-situation"
              width={150}
            />
          </Form.Item>
          <Form.Item name="status">
            <FilterSelect<SeekerStatus>
              placeholder="状态"
              options={seekerStatuses.map((s) => ({ value: s, label: seekerStatusLabels[s] }))}
              testId="seekers-status"
              width={110}
            />
          </Form.Item>
          <Form.Item name="registeredVia">
            <FilterSelect<SeekerChannel>
              placeholder="登记渠道"
              options={seekerChannels.map((c) => ({ value: c, label: seekerChannelLabels[c] }))}
              testId="seekers-via"
              width={170}
            />
          </Form.Item>
          <Form.Item name="orgUnitId">
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit]}
              placeholder="登记单位（含下级）"
              testId="seekers-org"
              width={170}
            />
          </Form.Item>
        </>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 人`}
      totalTestId="seekers-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="求职人员载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: '/employment/seekers/export',
        query: seekerQuery(filters),
        fallbackName: '求职人员.xlsx',
        rowUnit: '人',
        testId: 'seekers-export',
      }}
      tableTestId="seekers-table"
    >
      {creating ? (
        <RegisterSeekerModal
          onClose={() => setCreating(false)}
          onCreated={(s) => {
            setCreating(false);
            void message.success(`已登记 ${s.name}`);
            void navigate(`/employment/seekers/${s.id}`);
          }}
        />
      ) : null}
    </DataList>
  );
}
