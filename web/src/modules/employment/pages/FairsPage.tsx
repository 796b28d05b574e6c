import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Form, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  fairCategories,
  fairCategoryLabels,
  fairSorts,
  type Fair,
  type FairCategory,
} from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatCount, formatDate, todayIso } from '../../../shared/format.ts';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { DateFilter } from '../../../shared/list/filterInputs.tsx';
import { dateFilter, idFilter, oneOfFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { fairQuery, useFairList, type FairFilters } from '../api/employment.ts';
import { CreateFairModal } from '../components/CreateFairModal.tsx';

const categoryOptions = fairCategories.map((c) => ({ value: c, label: fairCategoryLabels[c] }));

const listSpec = {
  filters: {
    q: textFilter(50),
    category: oneOfFilter<FairCategory>(fairCategories),
    from: dateFilter,
    to: dateFilter,
    orgUnitId: idFilter,
  },
  sorts: fairSorts,
  defaultSort: 'heldOn' as const,
  defaultOrder: 'desc' as const,
};

/** The job fairs the user's union organises, and the city's, paged and filtered on the server. */
export function FairsPage() {
  const canWrite = useCan('employment:write');
  const me = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const state = useListState(listSpec);
  const filters: FairFilters = { q: '', ...state.filters, sort: state.sort, order: state.order };
  const list = useFairList({ ...filters, page: state.page, pageSize: state.pageSize });

  const columns: ListColumn<Fair>[] = [
    {
      title: '招聘会名称',
      dataIndex: 'title',
      key: 'title',
      sortKey: 'title',
      ellipsis: true,
      render: (title: string, f) => (
        <Link to={`/employment/fairs/${f.id}`} data-testid="fair-link">
          {title}
        </Link>
      ),
    },
    {
      title: '专场类型',
      key: 'category',
      width: 130,
      render: (_v, f) => (
        <Tag color={f.category === 'general' ? 'default' : 'blue'}>{fairCategoryLabels[f.category]}</Tag>
      ),
    },
    {
      title: '举办日期',
      dataIndex: 'heldOn',
      key: 'heldOn',
      width: 110,
      sortKey: 'heldOn',
      render: (d: string) => formatDate(d),
    },
    { title: '举办地点', dataIndex: 'venue', key: 'venue', width: 180, ellipsis: true },
    { title: '主办单位', dataIndex: 'orgUnitName', key: 'orgUnitName', width: 150, ellipsis: true },
    {
      title: '参会单位',
      dataIndex: 'employerCount',
      key: 'employerCount',
      width: 84,
      align: 'right',
      render: formatCount,
    },
    {
      title: '岗位',
      dataIndex: 'positionCount',
      key: 'positionCount',
      width: 64,
      align: 'right',
      render: formatCount,
    },
    {
      title: '招聘人数',
      dataIndex: 'openings',
      key: 'openings',
      width: 84,
      align: 'right',
      render: formatCount,
    },
    {
      title: '操作',
      key: ACTIONS,
      width: 56,
      render: (_v, f) => <Link to={`/employment/fairs/${f.id}`}>详情</Link>,
    },
  ];

  return (
    <DataList
      id="fairs"
      title="招聘会"
      cardTestId="fairs-page"
      extra={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="fair-create"
          >
            登记招聘会
          </Button>
        ) : null
      }
      list={state}
      filters={
        <>
          <Form.Item name="q">
            <SearchField placeholder="按名称或地点搜索" testId="fairs-search" width={180} />
          </Form.Item>
          <Form.Item name="category">
            <FilterSelect<FairCategory>
              placeholder="专场类型"
              options={categoryOptions}
              testId="fairs-category"
              width={150}
            />
          </Form.Item>
          <Form.Item name="from">
            <DateFilter placeholder="举办日期起" testId="fairs-from" width={130} />
          </Form.Item>
          <Form.Item name="to">
            <DateFilter placeholder="举办日期止" testId="fairs-to" width={130} />
          </Form.Item>
          <Form.Item name="orgUnitId">
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit]}
              placeholder="主办单位（含下级）"
              testId="fairs-org"
              width={180}
            />
          </Form.Item>
        </>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 场招聘会`}
      totalTestId="fairs-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="招聘会载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: '/employment/fairs/export',
        query: fairQuery(filters),
        fallbackName: '招聘会.xlsx',
        rowUnit: '场招聘会',
        testId: 'fairs-export',
      }}
      tableTestId="fairs-table"
    >
      {creating ? (
        <CreateFairModal
          onClose={() => setCreating(false)}
          onCreated={(f) => {
            setCreating(false);
            void message.success(`已登记 ${f.title}`);
            void navigate(`/employment/fairs/${f.id}`);
          }}
        />
      ) : null}
    </DataList>
  );
}
