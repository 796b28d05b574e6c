import { useState } from 'react';
import { Button, Form, Space, Tag } from 'antd';
import { claimStatusLabels, claimStatuses, type ClaimStatus, type InsuranceClaim } from '@gonghui/contracts';
import { ACTIONS, DataList, type ListColumn } from '../../../shared/list/DataList.tsx';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatDate } from '../../../shared/format.ts';
import { oneOfFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useClaims } from '../api/insurance.ts';
import { useCan } from '../../auth/session.tsx';
import { DecideClaimModal, PayClaimModal } from '../components/ClaimModals.tsx';
import { yuan } from '../components/money.ts';

const claimSpec = {
  filters: { status: oneOfFilter<ClaimStatus>(claimStatuses) },
  sorts: ['id'] as const,
  defaultSort: 'id' as const,
  defaultOrder: 'desc' as const,
};

/** The mutual-insurance claims of members in the user's territory. */
export function InsuranceClaimsPage() {
  const canWrite = useCan('assistance:write');
  const [deciding, setDeciding] = useState<InsuranceClaim | null>(null);
  const [paying, setPaying] = useState<InsuranceClaim | null>(null);
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
    {
      title: '赔付日期',
      dataIndex: 'paidOn',
      key: 'paidOn',
      width: 110,
      render: (d: string | null) => formatDate(d),
    },
    {
      title: '审核意见',
      dataIndex: 'note',
      key: 'note',
      ellipsis: true,
      render: (n: string | null) => n ?? '—',
    },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: ACTIONS,
            width: 90,
            render: (_v: unknown, c: InsuranceClaim) => (
              <Space size={4}>
                {c.status === 'submitted' ? (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setDeciding(c)}
                    data-testid="claim-decide-open"
                  >
                    审核
                  </Button>
                ) : null}
                {c.status === 'approved' ? (
                  <Button type="link" size="small" onClick={() => setPaying(c)} data-testid="claim-pay-open">
                    赔付
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]
      : []),
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
    >
      {deciding ? <DecideClaimModal claim={deciding} onClose={() => setDeciding(null)} /> : null}
      {paying ? <PayClaimModal claim={paying} onClose={() => setPaying(null)} /> : null}
    </DataList>
  );
}
