import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Form } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  caseClockFilters,
  caseSorts,
  caseStatusLabels,
  caseStatuses,
  caseTypeLabels,
  caseTypes,
  type AssistanceCase,
  type CaseClockFilter,
  type CaseStatus,
  type CaseType,
} from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatDate } from '../../../shared/format.ts';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { YesNoFilter } from '../../../shared/list/filterInputs.tsx';
import { booleanFilter, idFilter, oneOfFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan } from '../../auth/session.tsx';
import { caseQuery, useCaseList, type CaseFilters } from '../api/cases.ts';
import { ClockTag, StatusTag } from '../components/caseTags.tsx';
import { IntakeCaseModal } from '../components/IntakeCaseModal.tsx';

const clockLabels: Record<CaseClockFilter, string> = {
  overdue: '已超期',
  dueSoon: '即将到期',
  paused: '暂停计时',
};

const listSpec = {
  filters: {
    q: textFilter(50),
    type: oneOfFilter<CaseType>(caseTypes),
    status: oneOfFilter<CaseStatus>(caseStatuses),
    clock: oneOfFilter<CaseClockFilter>(caseClockFilters),
    open: booleanFilter,
    orgUnitId: idFilter,
  },
  sorts: caseSorts,
  defaultSort: 'receivedOn' as const,
  defaultOrder: 'desc' as const,
};

/** The cases of the one-stop centre that the user's unit handled or that passed through units below it. */
export function CasesPage() {
  const canWrite = useCan('assistance:write');
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [taking, setTaking] = useState(false);
  const state = useListState(listSpec);
  const filters: CaseFilters = { q: '', ...state.filters, sort: state.sort, order: state.order };
  const list = useCaseList({ ...filters, page: state.page, pageSize: state.pageSize });

  const columns: ListColumn<AssistanceCase>[] = [
    {
      title: '案件编号',
      dataIndex: 'number',
      key: 'number',
      sortKey: 'number',
      width: 180,
      render: (n: string, c) => (
        <Link to={`/assistance/cases/${c.id}`} data-testid="case-link">
          {n}
        </Link>
      ),
    },
    { title: '类型', key: 'type', width: 100, render: (_v, c) => caseTypeLabels[c.type] },
    { title: '事由', dataIndex: 'subject', key: 'subject', ellipsis: true, fullText: (c) => c.subject },
    { title: '职工', dataIndex: 'workerName', key: 'workerName', width: 90, ellipsis: true },
    { title: '办理单位', dataIndex: 'handlingUnitName', key: 'handlingUnitName', width: 106, ellipsis: true },
    {
      title: '登记日期',
      dataIndex: 'receivedOn',
      key: 'receivedOn',
      width: 100,
      sortKey: 'receivedOn',
      render: (d: string) => formatDate(d),
    },
    { title: '状态', key: 'status', width: 90, render: (_v, c) => <StatusTag c={c} /> },
    // A date and one or two tags (已超期, 暂定): 190 px keeps them clear of the fixed 操作 column.
    { title: '期限', key: 'dueOn', width: 190, sortKey: 'dueOn', render: (_v, c) => <ClockTag c={c} /> },
    {
      title: '操作',
      key: ACTIONS,
      width: 56,
      render: (_v, c) => <Link to={`/assistance/cases/${c.id}`}>详情</Link>,
    },
  ];

  return (
    <DataList
      id="assistance-cases"
      title="求助案件"
      cardTestId="cases-page"
      extra={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTaking(true)}
            data-testid="case-create"
          >
            登记案件
          </Button>
        ) : null
      }
      list={state}
      filters={
        <>
          <Form.Item name="q">
            <SearchField placeholder="编号、事由或职工姓名" testId="cases-search" width={200} />
          </Form.Item>
          <Form.Item name="type">
            <FilterSelect<CaseType>
              placeholder="案件类型"
              options={caseTypes.map((t) => ({ value: t, label: caseTypeLabels[t] }))}
              testId="cases-type"
              width={140}
            />
          </Form.Item>
          <Form.Item name="status">
            <FilterSelect<CaseStatus>
              placeholder="状态"
              options={caseStatuses.map((s) => ({ value: s, label: caseStatusLabels[s] }))}
              testId="cases-status"
              width={110}
            />
          </Form.Item>
          <Form.Item name="clock">
            <FilterSelect<CaseClockFilter>
              placeholder="期限"
              options={caseClockFilters.map((k) => ({ value: k, label: clockLabels[k] }))}
              testId="cases-clock"
              width={110}
            />
          </Form.Item>
          <Form.Item name="open">
            <YesNoFilter placeholder="办理情况" yes="在办" no="已办结" testId="cases-open" width={110} />
          </Form.Item>
        </>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 件`}
      totalTestId="cases-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="求助案件载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: '/assistance/cases/export',
        query: caseQuery(filters),
        fallbackName: '求助案件.xlsx',
        rowUnit: '件案件',
        testId: 'cases-export',
      }}
      tableTestId="cases-table"
    >
      {taking ? (
        <IntakeCaseModal
          onClose={() => setTaking(false)}
          onDone={(c) => {
            setTaking(false);
            void message.success(`已登记 ${c.number}`);
            void navigate(`/assistance/cases/${c.id}`);
          }}
        />
      ) : null}
    </DataList>
  );
}
