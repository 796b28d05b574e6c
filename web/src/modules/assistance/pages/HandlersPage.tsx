import { useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Button, Form, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { handlerKindLabels, handlerKinds, type CaseHandler, type HandlerKind } from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { oneOfFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan } from '../../auth/session.tsx';
import { useHandlers } from '../api/handling.ts';
import { CreateHandlerModal } from '../components/CreateHandlerModal.tsx';

const listSpec = {
  filters: { q: textFilter(30), kind: oneOfFilter<HandlerKind>(handlerKinds) },
  sorts: ['name'] as const,
  defaultSort: 'name' as const,
  defaultOrder: 'asc' as const,
};

/** The register of people who handle cases: staff with an account, outside lawyers and mediators without. */
export function HandlersPage() {
  const canWrite = useCan('assistance:write');
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const state = useListState(listSpec);
  const list = useHandlers({ ...state.filters, page: state.page, pageSize: state.pageSize });
  const columns: ListColumn<CaseHandler>[] = [
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      width: 120,
      render: (n: string, h) => (
        <Link to={`/assistance/handlers/${h.id}`} data-testid="handler-link">
          {n}
        </Link>
      ),
    },
    { title: '类别', key: 'kind', width: 120, render: (_v, h) => handlerKindLabels[h.kind] },
    { title: '所属单位', dataIndex: 'orgUnitName', key: 'orgUnitName', ellipsis: true },
    {
      title: '所在机构',
      dataIndex: 'organisation',
      key: 'organisation',
      ellipsis: true,
      render: (o: string | null) => o ?? '—',
    },
    {
      title: '系统账号',
      key: 'userId',
      width: 100,
      render: (_v, h) => (h.userId ? <Tag color="blue">有账号</Tag> : <Tag>无账号</Tag>),
    },
    { title: '在办案件', dataIndex: 'openCases', key: 'openCases', width: 90, align: 'right' },
    {
      title: '操作',
      key: ACTIONS,
      width: 56,
      render: (_v, h) => <Link to={`/assistance/handlers/${h.id}`}>详情</Link>,
    },
  ];
  return (
    <DataList
      id="assistance-handlers"
      title="经办人名录"
      cardTestId="handlers-page"
      extra={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="handler-create-open"
          >
            登记经办人
          </Button>
        ) : null
      }
      list={state}
      filters={
        <>
          <Form.Item name="q">
            <SearchField placeholder="按姓名搜索" testId="handlers-search" width={180} />
          </Form.Item>
          <Form.Item name="kind">
            <FilterSelect<HandlerKind>
              placeholder="类别"
              options={handlerKinds.map((k) => ({ value: k, label: handlerKindLabels[k] }))}
              testId="handlers-kind"
              width={140}
            />
          </Form.Item>
        </>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 人`}
      totalTestId="handlers-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="经办人名录载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: '/assistance/handlers/export',
        query: { q: state.filters.q || undefined, kind: state.filters.kind },
        fallbackName: '经办人名录.xlsx',
        rowUnit: '人',
        testId: 'handlers-export',
      }}
      tableTestId="handlers-table"
    >
      {creating ? (
        <CreateHandlerModal
          onClose={() => setCreating(false)}
          onDone={(h) => {
            setCreating(false);
            void message.success(`已登记经办人「${h.name}」`);
          }}
        />
      ) : null}
    </DataList>
  );
}
