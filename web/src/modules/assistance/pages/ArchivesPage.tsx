import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Form, Tag } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  hardshipCategories,
  hardshipCategoryLabels,
  hardshipStatuses,
  hardshipStatusLabels,
  type HardshipArchive,
  type HardshipCategory,
  type HardshipStatus,
} from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatDate } from '../../../shared/format.ts';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { YesNoFilter } from '../../../shared/list/filterInputs.tsx';
import { booleanFilter, oneOfFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { archiveQuery, useArchiveList, type ArchiveFilters } from '../api/archives.ts';
import { useCan } from '../../auth/session.tsx';
import { CategoryTag } from '../components/CategoryTag.tsx';
import { CreateArchiveModal } from '../components/CreateArchiveModal.tsx';
import { yuan } from '../components/money.ts';

const listSpec = {
  filters: {
    q: textFilter(30),
    category: oneOfFilter<HardshipCategory>(hardshipCategories),
    status: oneOfFilter<HardshipStatus>(hardshipStatuses),
    reviewOverdue: booleanFilter,
    neverAssisted: booleanFilter,
  },
  sorts: ['id'] as const,
  defaultSort: 'id' as const,
  defaultOrder: 'desc' as const,
};

/** The hardship archives kept in the user's territory, with their computed category. */
export function ArchivesPage() {
  const canWrite = useCan('assistance:write');
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const state = useListState(listSpec);
  const filters: ArchiveFilters = { q: '', ...state.filters };
  const list = useArchiveList({ ...filters, page: state.page, pageSize: state.pageSize });
  const columns: ListColumn<HardshipArchive>[] = [
    {
      title: '户主',
      dataIndex: 'headName',
      key: 'headName',
      width: 120,
      render: (n: string, a) => (
        <Link to={`/assistance/archives/${a.id}`} data-testid="archive-link">
          {n}
        </Link>
      ),
    },
    { title: '身份证号', dataIndex: 'headResidentIdMasked', key: 'id', width: 180 },
    { title: '建档单位', dataIndex: 'orgUnitName', key: 'orgUnitName', ellipsis: true },
    {
      title: '困难类别',
      key: 'category',
      width: 110,
      render: (_v, a) => <CategoryTag category={a.category} />,
    },
    {
      title: '月人均收入（元）',
      key: 'perCapita',
      width: 130,
      align: 'right',
      render: (_v, a) => yuan(a.arithmetic.perCapitaMonthlyFen),
    },
    { title: '人口', key: 'size', width: 60, align: 'right', render: (_v, a) => a.arithmetic.householdSize },
    {
      title: '状态',
      key: 'status',
      width: 80,
      render: (_v, a) => <Tag>{hardshipStatusLabels[a.status]}</Tag>,
    },
    {
      title: '下次复核',
      dataIndex: 'reviewDueOn',
      key: 'reviewDueOn',
      width: 100,
      render: (d: string) => formatDate(d),
    },
    {
      title: '操作',
      key: ACTIONS,
      width: 56,
      render: (_v, a) => <Link to={`/assistance/archives/${a.id}`}>详情</Link>,
    },
  ];
  return (
    <DataList
      id="hardship-archives"
      title="困难职工档案"
      cardTestId="archives-page"
      extra={
        canWrite ? (
          <>
            <Button
              icon={<UploadOutlined />}
              onClick={() => void navigate('/assistance/archives/import')}
              data-testid="archive-import-open"
            >
              从 Excel 导入
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="archive-create-open"
            >
              建立档案
            </Button>
          </>
        ) : null
      }
      list={state}
      filters={
        <>
          <Form.Item name="q">
            <SearchField placeholder="按家庭成员姓名搜索" testId="archives-search" width={180} />
          </Form.Item>
          <Form.Item name="category">
            <FilterSelect<HardshipCategory>
              placeholder="困难类别"
              options={hardshipCategories.map((c) => ({ value: c, label: hardshipCategoryLabels[c] }))}
              testId="archives-category"
              width={140}
            />
          </Form.Item>
          <Form.Item name="status">
            <FilterSelect<HardshipStatus>
              placeholder="档案状态"
              options={hardshipStatuses.map((s) => ({ value: s, label: hardshipStatusLabels[s] }))}
              testId="archives-status"
              width={110}
            />
          </Form.Item>
          <Form.Item name="reviewOverdue">
            <YesNoFilter placeholder="复核" yes="逾期未复核" no="按期" testId="archives-review" width={120} />
          </Form.Item>
          <Form.Item name="neverAssisted">
            <YesNoFilter
              placeholder="帮扶"
              yes="从未帮扶"
              no="已帮扶"
              testId="archives-assisted"
              width={110}
            />
          </Form.Item>
        </>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 户`}
      totalTestId="archives-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="困难职工档案载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: '/hardship/archives/export',
        query: archiveQuery(filters),
        fallbackName: '困难职工档案.xlsx',
        rowUnit: '户',
        testId: 'archives-export',
      }}
      tableTestId="archives-table"
    >
      {creating ? (
        <CreateArchiveModal
          onClose={() => setCreating(false)}
          onDone={(a) => {
            setCreating(false);
            void message.success(`已建立「${a.headName}」户档案`);
            void navigate(`/assistance/archives/${a.id}`);
          }}
        />
      ) : null}
    </DataList>
  );
}
