import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Table,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  modelWorkerLevelLabels,
  modelWorkerLevels,
  subsidyConditionLabels,
  subsidyConditions,
  subsidyPeriodLabels,
  subsidyPeriods,
  type SubsidyRule,
  type SubsidyRuleVersion,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isoDateItemProps } from '../../../shared/dateField.ts';
import { formatDate, todayIso } from '../../../shared/format.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCreateRule, useReviseRule, useRules } from '../api/modelWorkers.ts';
import { yuan } from '../components/money.ts';

interface TermValues {
  level: SubsidyRuleVersion['level'];
  condition: SubsidyRuleVersion['condition'];
  amountYuan: number;
  per: SubsidyRuleVersion['per'];
  validFrom: string;
  validTo?: string;
}
interface RuleValues extends TermValues {
  name: string;
  orgUnitId: number;
  reason?: string;
}
const termFields = ['level', 'condition', 'amountFen', 'per', 'validFrom', 'validTo'];

function TermItems() {
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Form.Item name="level" label="荣誉级别" required>
          <Select
            options={modelWorkerLevels.map((l) => ({ value: l, label: modelWorkerLevelLabels[l] }))}
            data-testid="rule-level"
          />
        </Form.Item>
      </Col>
      <Col span={16}>
        <Form.Item name="condition" label="享受条件" required>
          <Select
            options={subsidyConditions.map((c) => ({ value: c, label: subsidyConditionLabels[c] }))}
            data-testid="rule-condition"
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="amountYuan"
          label="补助金额（元）"
          required
          rules={[{ required: true, message: '请填写补助金额' }]}
        >
          <InputNumber
            min={0.01}
            max={1000000}
            precision={2}
            style={{ width: '100%' }}
            data-testid="rule-amount"
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="per" label="发放周期" required>
          <Select
            options={subsidyPeriods.map((p) => ({ value: p, label: subsidyPeriodLabels[p] }))}
            data-testid="rule-per"
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="validFrom"
          label="生效日期"
          required
          rules={[{ required: true, message: '请选择生效日期' }]}
          {...isoDateItemProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="rule-from" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="validTo" label="失效日期" {...isoDateItemProps}>
          <DatePicker style={{ width: '100%' }} data-testid="rule-to" />
        </Form.Item>
      </Col>
    </Row>
  );
}

const terms = (v: TermValues) => ({
  level: v.level,
  condition: v.condition,
  amountFen: Math.round(v.amountYuan * 100),
  per: v.per,
  validFrom: v.validFrom,
  validTo: v.validTo ?? null,
});

function ReviseModal({ rule, onClose }: { rule: SubsidyRule; onClose(): void }) {
  const [form] = Form.useForm<RuleValues>();
  const revise = useReviseRule(rule.id);
  const c = rule.current;
  return (
    <FormModal<RuleValues>
      title={`修订「${rule.name}」`}
      open
      form={form}
      testId="rule-revise"
      fields={[...termFields, 'reason']}
      initialValues={{
        level: c.level,
        condition: c.condition,
        amountYuan: c.amountFen / 100,
        per: c.per,
        validFrom: c.validFrom,
      }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await revise.mutateAsync({ ...terms(v), reason: (v.reason ?? '').trim() });
        onClose();
      }}
    >
      <TermItems />
      <Form.Item
        name="reason"
        label="修订原因"
        required
        rules={[{ required: true, message: '请填写修订原因' }]}
      >
        <Input maxLength={200} data-testid="rule-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** Subsidy rules with every version: a change is a new version, what was paid under the old one stays. */
export function SubsidyRulesPage() {
  const rules = useRules();
  const canWrite = useCan('model_worker:write');
  const me = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RuleValues>();
  const create = useCreateRule();
  const [creating, setCreating] = useState(false);
  const [revising, setRevising] = useState<SubsidyRule | null>(null);
  const versionText = (v: SubsidyRuleVersion) =>
    `${modelWorkerLevelLabels[v.level]} · ${subsidyConditionLabels[v.condition]} · ${subsidyPeriodLabels[v.per]} ${yuan(v.amountFen)} 元`;
  return (
    <Card
      title="劳模补助标准"
      data-testid="rules-page"
      extra={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="rule-create"
          >
            制定补助标准
          </Button>
        ) : null
      }
    >
      <Table<SubsidyRule>
        rowKey="id"
        loading={rules.isFetching}
        dataSource={rules.data}
        pagination={false}
        data-testid="rules-table"
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '制定单位', dataIndex: 'orgUnitName' },
          { title: '现行标准', render: (_v, r) => `第 ${r.current.version} 版：${versionText(r.current)}` },
          {
            title: '有效期',
            render: (_v, r) =>
              `${formatDate(r.current.validFrom)} 起${r.current.validTo ? `，${formatDate(r.current.validTo)} 止` : ''}`,
          },
          {
            title: '历次版本',
            render: (_v, r) =>
              r.versions.slice(1).map((v) => (
                <div key={v.id}>
                  第 {v.version} 版：{versionText(v)}
                </div>
              )),
          },
          {
            title: '操作',
            width: 70,
            render: (_v, r) =>
              canWrite ? (
                <Button type="link" size="small" onClick={() => setRevising(r)}>
                  修订
                </Button>
              ) : null,
          },
        ]}
      />
      {creating ? (
        <FormModal<RuleValues>
          title="制定补助标准"
          open
          form={form}
          testId="rule-form"
          fields={['name', 'orgUnitId', ...termFields]}
          initialValues={{
            orgUnitId: me.user.orgUnit.id,
            level: 'city',
            condition: 'retired_hardship',
            per: 'month',
          }}
          onCancel={() => setCreating(false)}
          onSubmit={async (v) => {
            await create.mutateAsync({ name: v.name.trim(), orgUnitId: v.orgUnitId, ...terms(v) });
            setCreating(false);
            void message.success('已制定补助标准');
          }}
        >
          <Form.Item
            name="name"
            label="标准名称"
            required
            rules={[{ required: true, message: '请填写标准名称' }]}
          >
            <Input maxLength={40} data-testid="rule-name" />
          </Form.Item>
          <Form.Item name="orgUnitId" label="制定单位" required>
            <OrgPicker asOf={todayIso()} known={[me.user.orgUnit]} placeholder="制定单位" testId="rule-org" />
          </Form.Item>
          <TermItems />
        </FormModal>
      ) : null}
      {revising ? <ReviseModal rule={revising} onClose={() => setRevising(null)} /> : null}
    </Card>
  );
}
