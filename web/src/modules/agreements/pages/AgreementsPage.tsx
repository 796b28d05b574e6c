import { useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Button, Form, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  agreementKindLabels,
  agreementKinds,
  agreementStatusLabels,
  agreementStatuses,
  agreementSorts,
  type Agreement,
  type AgreementKind,
} from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatCount, formatDate, todayIso } from '../../../shared/format.ts';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { DateFilter, YesNoFilter } from '../../../shared/list/filterInputs.tsx';
import {
  booleanFilter,
  dateFilter,
  idFilter,
  oneOfFilter,
  textFilter,
} from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { agreementQuery, useAgreementList, type AgreementFilters } from '../api/agreements.ts';
import { CreateAgreementModal } from '../components/CreateAgreementModal.tsx';
import { raiseText, yuanText } from '../components/format.ts';

const kindOptions = agreementKinds.map((k) => ({ value: k, label: agreementKindLabels[k] }));

/** The status filter: in force unless the address asks otherwise; 全部 is written as `all`. */
const statusChoices = [...agreementStatuses, 'all'] as const;
type StatusChoice = (typeof statusChoices)[number];
const statusOptions = statusChoices.map((s) => ({
  value: s,
  label: s === 'all' ? '全部合同' : agreementStatusLabels[s],
}));

const listSpec = {
  filters: {
    q: textFilter(50),
    status: oneOfFilter<StatusChoice>(statusChoices),
    kind: oneOfFilter<AgreementKind>(agreementKinds),
    wageSpecific: booleanFilter,
    inForceOn: dateFilter,
    orgUnitId: idFilter,
  },
  sorts: agreementSorts,
  defaultSort: 'startsOn' as const,
  defaultOrder: 'desc' as const,
};

/** Whether an agreement is in force today, ahead, or expired. */
function termTag(a: Agreement) {
  const today = todayIso();
  if (a.startsOn > today) return <Tag>未生效</Tag>;
  if (a.endsOn < today) return <Tag color="default">已期满</Tag>;
  return <Tag color="green">履行中</Tag>;
}

/** The collective agreements signed in the user's territory, paged, filtered and sorted on the server. */
export function AgreementsPage() {
  const canWrite = useCan('agreement:write');
  const me = useSession();
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const state = useListState(listSpec);
  const { status: statusChoice, ...chosen } = state.filters;
  const status = statusChoice ?? 'inForce';
  const filters: AgreementFilters = {
    q: '',
    ...chosen,
    status: status === 'all' ? undefined : status,
    sort: state.sort,
    order: state.order,
  };
  const list = useAgreementList({ ...filters, page: state.page, pageSize: state.pageSize });

  const columns: ListColumn<Agreement>[] = [
    {
      title: '合同名称',
      dataIndex: 'title',
      key: 'title',
      sortKey: 'title',
      ellipsis: true,
      fullText: (a) => a.title,
      render: (title: string, a) => (
        <Link to={`/agreements/${a.id}`} data-testid="agreement-link">
          {title}
        </Link>
      ),
    },
    {
      title: '类型',
      key: 'kind',
      width: 100,
      ellipsis: true,
      fullText: (a) => `${agreementKindLabels[a.kind]}${a.wageSpecific ? '（工资专项）' : ''}`,
      render: (_v, a) => (
        <>
          {a.wageSpecific ? (
            <Tag color="blue" style={{ marginInlineEnd: 4 }}>
              工资专项
            </Tag>
          ) : null}
          {agreementKindLabels[a.kind]}
        </>
      ),
    },
    { title: '签约工会', dataIndex: 'orgUnitName', key: 'orgUnitName', width: 130, ellipsis: true },
    {
      title: '生效日期',
      dataIndex: 'startsOn',
      key: 'startsOn',
      width: 100,
      sortKey: 'startsOn',
      render: (d: string) => formatDate(d),
    },
    {
      title: '期满日期',
      dataIndex: 'endsOn',
      key: 'endsOn',
      width: 100,
      sortKey: 'endsOn',
      render: (d: string) => formatDate(d),
    },
    { title: '状态', key: 'term', width: 68, render: (_v, a) => termTag(a) },
    {
      title: '工资增幅',
      dataIndex: 'raiseBp',
      key: 'raiseBp',
      width: 92,
      align: 'right',
      sortKey: 'raiseBp',
      render: (bp: number | null) => raiseText(bp),
    },
    {
      title: '最低工资',
      dataIndex: 'minimumWageFen',
      key: 'minimumWageFen',
      width: 100,
      align: 'right',
      render: (fen: number | null) => yuanText(fen),
    },
    {
      title: '覆盖单位',
      dataIndex: 'employerCount',
      key: 'employerCount',
      width: 80,
      align: 'right',
      render: formatCount,
    },
    {
      title: '覆盖职工',
      dataIndex: 'workersCovered',
      key: 'workersCovered',
      width: 80,
      align: 'right',
      render: formatCount,
    },
    {
      title: '操作',
      key: ACTIONS,
      width: 56,
      render: (_v, a) => <Link to={`/agreements/${a.id}`}>详情</Link>,
    },
  ];

  return (
    <DataList
      id="agreements"
      title="集体合同"
      cardTestId="agreements-page"
      extra={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="agreement-create"
          >
            登记合同
          </Button>
        ) : null
      }
      list={state}
      toForm={(f) => ({ ...f, status: f.status ?? 'inForce' })}
      fromForm={(values) => {
        const { status: picked, ...rest } = values as typeof state.filters;
        return { ...rest, status: picked === 'inForce' ? undefined : picked };
      }}
      filters={
        <>
          <Form.Item name="q">
            <SearchField placeholder="按合同名称搜索" testId="agreements-search" width={200} />
          </Form.Item>
          <Form.Item name="status">
            <FilterSelect<StatusChoice>
              placeholder="合同状态"
              options={statusOptions}
              testId="agreements-status"
              width={130}
            />
          </Form.Item>
          <Form.Item name="kind">
            <FilterSelect<AgreementKind>
              placeholder="合同类型"
              options={kindOptions}
              testId="agreements-kind"
              width={130}
            />
          </Form.Item>
          <Form.Item name="wageSpecific">
            <YesNoFilter
              placeholder="合同性质"
              yes="工资专项集体合同"
              no="综合集体合同"
              testId="agreements-wage"
              width={150}
            />
          </Form.Item>
          <Form.Item name="inForceOn">
            <DateFilter placeholder="在此日期有效" testId="agreements-in-force" width={140} />
          </Form.Item>
          <Form.Item name="orgUnitId">
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit]}
              placeholder="签约工会（含下级）"
              testId="agreements-org"
              width={180}
            />
          </Form.Item>
        </>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 份合同`}
      totalTestId="agreements-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="集体合同载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: '/agreements/export',
        query: agreementQuery(filters),
        fallbackName: '集体合同.xlsx',
        rowUnit: '份合同',
        testId: 'agreements-export',
      }}
      tableTestId="agreements-table"
    >
      {creating ? (
        <CreateAgreementModal
          onClose={() => setCreating(false)}
          onCreated={(a) => {
            setCreating(false);
            void message.success(`已登记 ${a.title}`);
          }}
        />
      ) : null}
    </DataList>
  );
}
