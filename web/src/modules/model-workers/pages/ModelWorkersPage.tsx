import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Form, Tag } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  modelWorkerLevelLabels,
  modelWorkerLevels,
  modelWorkerSorts,
  modelWorkerStatusLabels,
  modelWorkerStatuses,
  type ModelWorker,
  type ModelWorkerLevel,
  type ModelWorkerStatus,
} from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { todayIso } from '../../../shared/format.ts';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { booleanFilter, idFilter, oneOfFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useWorkerList, workerQuery, type WorkerFilters } from '../api/modelWorkers.ts';
import { CreateWorkerModal } from '../components/CreateWorkerModal.tsx';
import { ImportWorkersModal } from '../components/ImportWorkersModal.tsx';

const listSpec = {
  filters: {
    q: textFilter(30),
    level: oneOfFilter<ModelWorkerLevel>(modelWorkerLevels),
    status: oneOfFilter<ModelWorkerStatus>(modelWorkerStatuses),
    hardship: booleanFilter,
    orgUnitId: idFilter,
  },
  sorts: modelWorkerSorts,
  defaultSort: 'name' as const,
  defaultOrder: 'asc' as const,
};

/** The registry of model workers in the user's territory. */
export function ModelWorkersPage() {
  const canWrite = useCan('model_worker:write');
  const me = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const state = useListState(listSpec);
  const filters: WorkerFilters = { q: '', ...state.filters, sort: state.sort, order: state.order };
  const list = useWorkerList({ ...filters, page: state.page, pageSize: state.pageSize });

  const columns: ListColumn<ModelWorker>[] = [
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      sortKey: 'name',
      width: 110,
      render: (name: string, w) => (
        <Link to={`/model-workers/registry/${w.id}`} data-testid="worker-link">
          {name}
        </Link>
      ),
    },
    { title: '身份证号码', dataIndex: 'residentIdMasked', key: 'residentIdMasked', width: 160 },
    { title: '级别', key: 'level', width: 70, render: (_v, w) => modelWorkerLevelLabels[w.level] },
    { title: '荣誉称号', dataIndex: 'title', key: 'title', ellipsis: true },
    { title: '授予年份', dataIndex: 'awardedYear', key: 'awardedYear', sortKey: 'awardedYear', width: 90 },
    { title: '工作单位', key: 'unit', ellipsis: true, render: (_v, w) => w.employerName ?? w.workUnit ?? '' },
    { title: '所属工会', dataIndex: 'orgUnitName', key: 'orgUnitName', width: 130, ellipsis: true },
    { title: '状态', key: 'status', width: 64, render: (_v, w) => modelWorkerStatusLabels[w.status] },
    {
      title: '困难',
      key: 'hardship',
      // Wide enough for its tag beside the fixed 操作 column at 1366 px.
      width: 84,
      render: (_v, w) => (w.hardship ? <Tag color="orange">困难</Tag> : null),
    },
    {
      title: '操作',
      key: ACTIONS,
      width: 56,
      render: (_v, w) => <Link to={`/model-workers/registry/${w.id}`}>详情</Link>,
    },
  ];

  return (
    <DataList
      id="model-workers"
      title="劳模名册"
      cardTestId="workers-page"
      extra={
        canWrite ? (
          <>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="worker-import">
              导入名册
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="worker-create"
            >
              登记劳动模范
            </Button>
          </>
        ) : null
      }
      list={state}
      filters={
        <>
          <Form.Item name="q">
            <SearchField placeholder="姓名、称号或身份证后四位" testId="workers-search" width={190} />
          </Form.Item>
          <Form.Item name="level">
            <FilterSelect<ModelWorkerLevel>
              placeholder="荣誉级别"
              options={modelWorkerLevels.map((l) => ({ value: l, label: modelWorkerLevelLabels[l] }))}
              testId="workers-level"
              width={110}
            />
          </Form.Item>
          <Form.Item name="status">
            <FilterSelect<ModelWorkerStatus>
              placeholder="在职状态"
              options={modelWorkerStatuses.map((s) => ({ value: s, label: modelWorkerStatusLabels[s] }))}
              testId="workers-status"
              width={110}
            />
          </Form.Item>
          <Form.Item name="orgUnitId">
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit]}
              placeholder="所属工会（含下级）"
              testId="workers-org"
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
      totalTestId="workers-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="劳模名册载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: '/model-workers/export',
        query: workerQuery(filters),
        fallbackName: '劳动模范.xlsx',
        rowUnit: '人',
        testId: 'workers-export',
      }}
      tableTestId="workers-table"
    >
      {creating ? (
        <CreateWorkerModal
          onClose={() => setCreating(false)}
          onCreated={(w) => {
            setCreating(false);
            void message.success(`已登记 ${w.name}`);
            void navigate(`/model-workers/registry/${w.id}`);
          }}
        />
      ) : null}
      {importing ? <ImportWorkersModal onClose={() => setImporting(false)} /> : null}
    </DataList>
  );
}
