import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  modelWorkerLevelLabels,
  modelWorkerLevels,
  type ModelWorkerLevel,
  type VisitCycle,
} from '@gonghui/contracts';
import { FigureCard } from '../../../shared/FigureCard.tsx';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isoDateItemProps } from '../../../shared/dateField.ts';
import { formatDate, todayIso } from '../../../shared/format.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCreateCycle, useCycleList, useVisitFigures } from '../api/modelWorkers.ts';
import { yuan } from '../components/money.ts';

interface CycleValues {
  orgUnitId: number;
  title: string;
  occasion: string;
  startsOn: string;
  endsOn: string;
  gift?: string;
  amountYuan?: number;
  status?: 'working' | 'retired';
  level?: ModelWorkerLevel;
  hardshipOnly?: boolean;
}

/** Visit cycles (慰问) with the figure of retired model workers visited. */
export function VisitCyclesPage() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const cycles = useCycleList(page);
  const figures = useVisitFigures({ status: 'retired' });
  const canWrite = useCan('model_worker:write');
  const me = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<CycleValues>();
  const create = useCreateCycle();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <FigureCard
            title="已走访慰问的退休劳模"
            value={figures.data?.visited ?? 0}
            suffix="人"
            testId="visited-retired"
          />
        </Col>
        <Col span={8}>
          <FigureCard title="待慰问" value={figures.data?.pending ?? 0} suffix="人" testId="visits-pending" />
        </Col>
      </Row>
      <Card
        title="劳模慰问"
        data-testid="cycles-page"
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="cycle-create"
            >
              发起慰问
            </Button>
          ) : null
        }
      >
        <Table<VisitCycle>
          rowKey="id"
          loading={cycles.isFetching}
          dataSource={cycles.data?.items}
          data-testid="cycles-table"
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: cycles.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 次`,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            {
              title: '活动',
              dataIndex: 'title',
              render: (t: string, c) => <Link to={`/model-workers/visits/${c.id}`}>{t}</Link>,
            },
            { title: '节日或事由', dataIndex: 'occasion', width: 100 },
            { title: '时间', render: (_v, c) => `${formatDate(c.startsOn)} 至 ${formatDate(c.endsOn)}` },
            {
              title: '慰问品 / 慰问金',
              render: (_v, c) =>
                [c.gift, c.amountFen ? `${yuan(c.amountFen)} 元` : null].filter(Boolean).join('，'),
            },
            { title: '已慰问 / 名单', width: 120, render: (_v, c) => `${c.done} / ${c.recipients}` },
          ]}
        />
      </Card>
      {creating ? (
        <FormModal<CycleValues>
          title="发起慰问"
          open
          form={form}
          testId="cycle-form"
          okText="生成慰问名单"
          width={720}
          fields={['orgUnitId', 'title', 'occasion', 'startsOn', 'endsOn', 'gift', 'amountFen', 'draw']}
          initialValues={{ orgUnitId: me.user.orgUnit.id, status: 'retired' }}
          onCancel={() => setCreating(false)}
          onSubmit={async (v) => {
            const cycle = await create.mutateAsync({
              orgUnitId: v.orgUnitId,
              title: v.title.trim(),
              occasion: v.occasion.trim(),
              startsOn: v.startsOn,
              endsOn: v.endsOn,
              gift: v.gift?.trim() || null,
              amountFen: v.amountYuan ? Math.round(v.amountYuan * 100) : null,
              draw: {
                status: v.status ?? null,
                level: v.level ?? null,
                hardshipOnly: v.hardshipOnly ?? false,
              },
            });
            setCreating(false);
            void navigate(`/model-workers/visits/${cycle.id}`);
          }}
        >
          <Row gutter={16}>
            <Col span={16}>
              <Form.Item
                name="title"
                label="活动名称"
                required
                rules={[{ required: true, message: '请填写活动名称' }]}
              >
                <Input maxLength={60} data-testid="cycle-title" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="occasion"
                label="节日或事由"
                required
                rules={[{ required: true, message: '请填写节日或事由' }]}
              >
                <Input maxLength={20} placeholder="如 重阳节" data-testid="cycle-occasion" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="startsOn"
                label="开始日期"
                required
                rules={[{ required: true, message: '请选择开始日期' }]}
                {...isoDateItemProps}
              >
                <DatePicker style={{ width: '100%' }} data-testid="cycle-starts" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="endsOn"
                label="结束日期"
                required
                rules={[{ required: true, message: '请选择结束日期' }]}
                {...isoDateItemProps}
              >
                <DatePicker style={{ width: '100%' }} data-testid="cycle-ends" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="gift" label="慰问品">
                <Input maxLength={100} data-testid="cycle-gift" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="amountYuan" label="慰问金（元）">
                <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="cycle-amount" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="orgUnitId" label="慰问单位（名单取其下劳模）" required>
                <OrgPicker
                  asOf={todayIso()}
                  known={[me.user.orgUnit]}
                  placeholder="慰问单位"
                  testId="cycle-org"
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="status" label="在职状态">
                <Select
                  allowClear
                  options={[
                    { value: 'retired', label: '退休' },
                    { value: 'working', label: '在职' },
                  ]}
                  data-testid="cycle-status"
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="level" label="荣誉级别">
                <Select
                  allowClear
                  options={modelWorkerLevels.map((l) => ({ value: l, label: modelWorkerLevelLabels[l] }))}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="hardshipOnly" label=" " valuePropName="checked">
                <Checkbox>只含生活困难的</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        </FormModal>
      ) : null}
    </>
  );
}
