import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Form, Input, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { rollPeriod, rollStatusLabels, type SubsidyRoll } from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCreateRoll, useRollList, useRollTotals } from '../api/modelWorkers.ts';
import { yuan } from '../components/money.ts';

interface RollValues {
  orgUnitId: number;
  period: string;
  title: string;
}

/** Subsidy rolls: preview → approve → bank file → paid; and the money per unit and period. */
export function RollsPage() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const rolls = useRollList(page);
  const totals = useRollTotals();
  const canWrite = useCan('model_worker:write');
  const me = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<RollValues>();
  const create = useCreateRoll();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Card
        title="劳模补助名册"
        data-testid="rolls-page"
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="roll-create"
            >
              生成名册
            </Button>
          ) : null
        }
      >
        <Table<SubsidyRoll>
          rowKey="id"
          loading={rolls.isFetching}
          dataSource={rolls.data?.items}
          data-testid="rolls-table"
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: rolls.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 份`,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            {
              title: '名册',
              dataIndex: 'title',
              render: (t: string, r) => <Link to={`/model-workers/rolls/${r.id}`}>{t}</Link>,
            },
            { title: '期间', dataIndex: 'period', width: 90 },
            { title: '发放单位', dataIndex: 'orgUnitName' },
            { title: '人数', dataIndex: 'recipients', width: 80 },
            { title: '金额（元）', width: 130, render: (_v, r) => yuan(r.totalFen) },
            { title: '已到账（元）', width: 130, render: (_v, r) => yuan(r.paidFen) },
            {
              title: '状态',
              width: 90,
              render: (_v, r) => (
                <Tag color={r.status === 'approved' ? 'green' : 'blue'}>{rollStatusLabels[r.status]}</Tag>
              ),
            },
          ]}
        />
      </Card>
      <Card title="按单位和期间合计（已审批）" style={{ marginTop: 16 }} data-testid="roll-totals">
        <Table
          rowKey={(r) => `${r.period}-${r.orgUnitId}`}
          size="small"
          loading={totals.isFetching}
          dataSource={totals.data}
          pagination={false}
          columns={[
            { title: '期间', dataIndex: 'period' },
            { title: '单位', dataIndex: 'orgUnitName' },
            { title: '人数', dataIndex: 'recipients' },
            { title: '金额（元）', render: (_v, r) => yuan(r.totalFen) },
            { title: '已到账（元）', render: (_v, r) => yuan(r.paidFen) },
          ]}
        />
      </Card>
      {creating ? (
        <FormModal<RollValues>
          title="按补助标准生成名册"
          open
          form={form}
          testId="roll-form"
          okText="生成预览"
          fields={['orgUnitId', 'period', 'title']}
          initialValues={{ orgUnitId: me.user.orgUnit.id }}
          onCancel={() => setCreating(false)}
          onSubmit={async (v) => {
            const roll = await create.mutateAsync({ ...v, period: v.period.trim(), title: v.title.trim() });
            setCreating(false);
            void navigate(`/model-workers/rolls/${roll.id}`);
          }}
        >
          <Form.Item name="orgUnitId" label="发放单位（按其补助标准，发给其下劳模）" required>
            <OrgPicker asOf={todayIso()} known={[me.user.orgUnit]} placeholder="发放单位" testId="roll-org" />
          </Form.Item>
          <Form.Item
            name="period"
            label="发放期间"
            required
            extra="按年发放填年份（如 2011），按月发放填年月（如 2011-09）"
            rules={[zodRule(rollPeriod, { required: true, emptyMessage: '请填写发放期间' })]}
          >
            <Input maxLength={7} data-testid="roll-period" />
          </Form.Item>
          <Form.Item
            name="title"
            label="名册名称"
            required
            rules={[{ required: true, message: '请填写名册名称' }]}
          >
            <Input maxLength={60} data-testid="roll-title" />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
