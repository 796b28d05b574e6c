import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Space, Table } from 'antd';
import type { InsuranceEnrolment, InsurancePlan } from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { formatDate, todayIso } from '../../../shared/format.ts';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { idFilter, textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useEnrolUnion, useEnrolments, usePlans } from '../api/insurance.ts';
import { SubmitClaimModal } from '../components/ClaimModals.tsx';
import { yuan } from '../components/money.ts';

const enrolmentSpec = {
  filters: { q: textFilter(30), plan: idFilter },
  sorts: ['id'] as const,
  defaultSort: 'id' as const,
  defaultOrder: 'asc' as const,
};
const useEnrolmentState = () => useListState(enrolmentSpec);

function EnrolModal({ plan, onClose }: { plan: InsurancePlan; onClose(): void }) {
  const [form] = Form.useForm<{ unionId: number }>();
  const me = useSession();
  const { message } = AntApp.useApp();
  const enrol = useEnrolUnion(plan.id);
  return (
    <FormModal<{ unionId: number }>
      title={`整体参保：${plan.name}`}
      open
      form={form}
      fields={['unionId']}
      okText="参保"
      testId="insurance-enrol"
      onCancel={onClose}
      onSubmit={async (v) => {
        const r = await enrol.mutateAsync(v.unionId);
        void message.success(
          `新参保 ${r.enrolled} 人${r.alreadyEnrolled ? `，${r.alreadyEnrolled} 人原已参保` : ''}`,
        );
        onClose();
      }}
    >
      <Form.Item
        name="unionId"
        label="工会（该工会全部在册会员参保）"
        rules={[{ required: true, message: '请选择工会' }]}
      >
        <OrgPicker
          asOf={todayIso()}
          known={[me.user.orgUnit]}
          placeholder="选择工会"
          testId="insurance-enrol-union"
        />
      </Form.Item>
    </FormModal>
  );
}

function Enrolments({ plan, state }: { plan: InsurancePlan; state: ReturnType<typeof useEnrolmentState> }) {
  const canWrite = useCan('assistance:write');
  const { message } = AntApp.useApp();
  const [claiming, setClaiming] = useState<InsuranceEnrolment | null>(null);
  const list = useEnrolments(plan.id, {
    q: state.filters.q ?? '',
    page: state.page,
    pageSize: state.pageSize,
  });
  const columns: ListColumn<InsuranceEnrolment>[] = [
    { title: '会员', dataIndex: 'memberName', key: 'memberName', width: 120 },
    { title: '身份证号', dataIndex: 'residentIdMasked', key: 'residentIdMasked', width: 190 },
    { title: '所属工会', dataIndex: 'orgUnitName', key: 'orgUnitName', ellipsis: true },
    {
      title: '保费（元）',
      key: 'premium',
      width: 100,
      align: 'right',
      render: (_v, e) => yuan(e.premiumFen),
    },
    {
      title: '参保日期',
      dataIndex: 'enrolledOn',
      key: 'enrolledOn',
      width: 110,
      render: (d: string) => formatDate(d),
    },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: ACTIONS,
            width: 90,
            render: (_v: unknown, e: InsuranceEnrolment) => (
              <Button type="link" size="small" onClick={() => setClaiming(e)} data-testid="claim-submit-open">
                申请理赔
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <DataList
      id="insurance-enrolments"
      title={`参保名单：${plan.name}`}
      cardTestId="insurance-enrolments"
      list={state}
      filters={
        <Form.Item name="q">
          <SearchField placeholder="按会员姓名搜索" testId="insurance-search" width={180} />
        </Form.Item>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(t) => `共 ${t} 人`}
      totalTestId="insurance-enrolled-total"
      loading={list.isFetching}
      error={list.error}
      errorTitle="参保名单载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      exporter={{
        path: `/insurance/plans/${plan.id}/enrolments/export`,
        query: { q: state.filters.q || undefined },
        fallbackName: '参保名单.xlsx',
        rowUnit: '人',
        testId: 'insurance-export',
      }}
      tableTestId="insurance-enrolments-table"
    >
      {claiming ? (
        <SubmitClaimModal
          plan={plan}
          enrolment={claiming}
          onClose={() => setClaiming(null)}
          onDone={() => {
            setClaiming(null);
            void message.success('已提交理赔申请，待审核');
          }}
        />
      ) : null}
    </DataList>
  );
}

/** Mutual insurance: the plans open to the user's unit and the chosen plan's enrolment list. */
export function InsurancePage() {
  const canWrite = useCan('assistance:write');
  const plans = usePlans();
  const state = useEnrolmentState();
  const [enrolling, setEnrolling] = useState<InsurancePlan | null>(null);
  const plan = plans.data?.find((p) => p.id === state.filters.plan) ?? plans.data?.[0] ?? null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="insurance-page">
      <Card title="互助保障计划">
        <Table<InsurancePlan>
          rowKey="id"
          size="small"
          loading={plans.isFetching}
          dataSource={plans.data ?? []}
          pagination={false}
          rowSelection={{
            type: 'radio',
            selectedRowKeys: plan ? [plan.id] : [],
            onChange: (keys) => state.setFilters({ ...state.filters, plan: Number(keys[0]) }),
          }}
          columns={[
            { title: '计划', dataIndex: 'name' },
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '举办单位', dataIndex: 'orgUnitName' },
            {
              title: '每人保费（元）',
              key: 'premium',
              align: 'right',
              render: (_v, p) => yuan(p.premiumFen),
            },
            { title: '最高赔付（元）', key: 'max', align: 'right', render: (_v, p) => yuan(p.maxPayoutFen) },
            { title: '保障内容', dataIndex: 'benefits', ellipsis: true },
            { title: '本单位参保', dataIndex: 'enrolled', align: 'right', width: 100 },
            ...(canWrite
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 90,
                    render: (_v: unknown, p: InsurancePlan) => (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setEnrolling(p)}
                        data-testid="insurance-enrol-open"
                      >
                        整体参保
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {plan ? <Enrolments plan={plan} state={state} /> : null}
      {enrolling ? <EnrolModal plan={enrolling} onClose={() => setEnrolling(null)} /> : null}
    </Space>
  );
}
