import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, InputNumber, Radio, Select, Table } from 'antd';
import {
  caseTypeLabels,
  dayKindLabels,
  dayKinds,
  type ClockRule,
  type DayKind,
  type UpdateClockRuleBody,
} from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { useCan } from '../../auth/session.tsx';
import { useClockRules, useUpdateClockRule } from '../api/handling.ts';

const days = (n: number | null) => (n === null ? '不限' : `${n} 天`);

function EditRuleModal({ rule, onClose }: { rule: ClockRule; onClose(): void }) {
  const [form] = Form.useForm<UpdateClockRuleBody>();
  const { message } = AntApp.useApp();
  const update = useUpdateClockRule();
  return (
    <FormModal<UpdateClockRuleBody>
      title={`办理时限：${caseTypeLabels[rule.type]}`}
      open
      form={form}
      fields={['dayKind', 'acceptDays', 'handleDays', 'handleFromReceipt', 'extensionMaxDays']}
      initialValues={{
        dayKind: rule.dayKind,
        acceptDays: rule.acceptDays,
        handleDays: rule.handleDays,
        handleFromReceipt: rule.handleFromReceipt,
        extensionMaxDays: rule.extensionMaxDays,
      }}
      okText="保存"
      testId="clock-rule"
      onCancel={onClose}
      onSubmit={async (v) => {
        await update.mutateAsync({
          type: rule.type,
          body: {
            dayKind: v.dayKind,
            acceptDays: v.acceptDays ?? null,
            handleDays: v.handleDays ?? null,
            handleFromReceipt: v.handleFromReceipt,
            extensionMaxDays: v.extensionMaxDays ?? 0,
          },
        });
        void message.success('已保存，在办案件的期限已按新时限重算');
        onClose();
      }}
    >
      <Form.Item name="dayKind" label="计日方式" rules={[{ required: true, message: '请选择计日方式' }]}>
        <Select<DayKind> options={dayKinds.map((k) => ({ value: k, label: dayKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="acceptDays" label="受理期限（天，空为不限）">
        <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} data-testid="clock-rule-accept" />
      </Form.Item>
      <Form.Item name="handleDays" label="办理期限（天，空为不限）">
        <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} data-testid="clock-rule-handle" />
      </Form.Item>
      <Form.Item name="handleFromReceipt" label="办理期限起算">
        <Radio.Group
          options={[
            { value: false, label: '自受理之日' },
            { value: true, label: '自登记之日' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="extensionMaxDays"
        label="最长延期（天，0 为不得延期）"
        rules={[{ required: true, message: '请填写最长延期' }]}
      >
        <InputNumber min={0} max={365} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}

/** The statutory limits of each case type; the city federation changes them, everyone reads them. */
export function ClockRulesPage() {
  const mayConfigure = useCan('assistance:configure');
  const rules = useClockRules();
  const [editing, setEditing] = useState<ClockRule | null>(null);
  return (
    <Card title="办理时限设置" data-testid="clock-rules-page">
      <Alert
        style={{ marginBottom: 16 }}
        type="info"
        showIcon
        title="工作日按国务院办公厅公布的节假日安排计算（调休上班日计为工作日）；尚未公布安排的年份，期限为暂定，公布后自动重算。等待职工补充材料期间暂停计时。"
      />
      {rules.isError ? (
        <Alert type="error" showIcon title="办理时限载入失败" description={errorMessage(rules.error)} />
      ) : null}
      <Table<ClockRule>
        rowKey="type"
        size="small"
        loading={rules.isFetching}
        dataSource={rules.data ?? []}
        pagination={false}
        data-testid="clock-rules"
        columns={[
          { title: '案件类型', dataIndex: 'type', render: (t: ClockRule['type']) => caseTypeLabels[t] },
          { title: '计日方式', dataIndex: 'dayKind', render: (k: DayKind) => dayKindLabels[k] },
          { title: '受理期限', dataIndex: 'acceptDays', render: days },
          {
            title: '办理期限',
            key: 'handle',
            render: (_v, r) =>
              r.handleDays === null
                ? '不限'
                : `${r.handleFromReceipt ? '自登记' : '自受理'} ${r.handleDays} 天`,
          },
          {
            title: '最长延期',
            dataIndex: 'extensionMaxDays',
            render: (n: number) => (n === 0 ? '不得延期' : `一次，至多 ${n} 天`),
          },
          ...(mayConfigure
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 80,
                  render: (_v: unknown, r: ClockRule) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setEditing(r)}
                      data-testid={`clock-rule-edit-${r.type}`}
                    >
                      修改
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <EditRuleModal rule={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
