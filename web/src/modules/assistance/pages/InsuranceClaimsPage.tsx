import { Form, Tag } from 'antd';
import { claimStatusLabels, claimStatuses, type ClaimStatus, type InsuranceClaim } from '@gonghui/contracts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatDate } from '../../../shared/format.ts';
import { DataList, type ListColumn } from '../../../shared/list/DataList.tsx';
import { oneOfFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useClaims } from '../api/insurance.ts';
import { yuan } from '../components/money.ts';

const claimSpec = {
  filters: { status: oneOfFilter<ClaimStatus>(claimStatuses) },
  sorts: ['id'] as const,
  defaultSort: 'id' as const,
  defaultOrder: 'desc' as const,
};

/** The mutual-insurance claims of members in the user's territory. */
export function InsuranceClaimsPage() {
  const state = useListState(claimSpec);
  const list = useClaims({ status: state.filters.status, page: state.page, pageSize: state.pageSize });
  const columns: ListColumn<InsuranceClaim>[] = [
    { title: '会员', dataIndex: 'memberName', key: 'memberName', width: 100 },
    { title: '保障计划', dataIndex: 'planName', key: 'planName', ellipsis: true },
    {
      title: '申请金额（元）',
      key: 'amount',
      width: 130,
      align: 'right',
      render: (_v, c) => yuan(c.amountFen),
    },
    {
      title: '申请日期',
      dataIndex: 'submittedOn',
      key: 'submittedOn',
      width: 110,
      render: (d: string) => formatDate(d),
    },
    { title: '状态', key: 'status', width: 90, render: (_v, c) => <Tag>{claimStatusLabels[c.status]}</Tag> },
    {
      title: '批准金额（元）',
      key: 'approved',
      width: 130,
      align: 'right',
      render: (_v, c) => (c.approvedFen === null ? '—' : yuan(c.approvedFen)),
    },
  ];
  return (
    <DataList
      id="insurance-claims"
      title="理赔"
      cardTestId="insurance-claims"
      list={state}
      filters={
        <Form.Item name="status">
          <FilterSelect<ClaimStatus>
            placeholder="理赔状态"
            options={claimStatuses.map((s) => ({ value: s, label: claimStatusLabels[s] }))}
            testId="insurance-claim-status"
            width={120}
          />
        </Form.Item>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 件`}
      totalTestId="insurance-claims-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="理赔载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: '/insurance/claims/export',
        query: { status: state.filters.status },
        fallbackName: '互助保障理赔.xlsx',
        rowUnit: '件',
        testId: 'insurance-claims-export',
      }}
      tableTestId="insurance-claims-table"
    />
  );
}
