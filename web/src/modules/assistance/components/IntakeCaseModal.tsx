import { Col, Form, Input, Row, Select } from 'antd';
import {
  caseTypeLabels,
  caseTypes,
  parseResidentId,
  type AssistanceCase,
  type CaseType,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { useIntakeCase } from '../api/cases.ts';

interface IntakeValues {
  type: CaseType;
  worker: { name: string; residentId: string; phone?: string };
  subject: string;
  narrative: string;
}

const typeOptions = caseTypes.map((t) => ({ value: t, label: caseTypeLabels[t] }));

/** Takes a case in at the user's own unit: the worker, what happened, and the kind of help asked for. */
export function IntakeCaseModal({ onClose, onDone }: { onClose(): void; onDone(c: AssistanceCase): void }) {
  const [form] = Form.useForm<IntakeValues>();
  const intake = useIntakeCase();
  return (
    <FormModal<IntakeValues>
      title="登记求助案件"
      open
      form={form}
      fields={[
        'type',
        ['worker', 'name'],
        ['worker', 'residentId'],
        ['worker', 'phone'],
        'subject',
        'narrative',
      ]}
      okText="登记"
      width={680}
      testId="case-intake"
      onCancel={onClose}
      onSubmit={async (v) => {
        const created = await intake.mutateAsync({
          type: v.type,
          worker: { name: v.worker.name, residentId: v.worker.residentId, phone: v.worker.phone || null },
          subject: v.subject,
          narrative: v.narrative,
        });
        onDone(created);
      }}
    >
      <Form.Item name="type" label="案件类型" rules={[{ required: true, message: '请选择案件类型' }]}>
        <Select
          options={typeOptions}
          placeholder="请选择"
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="case-intake-type"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item
            name={['worker', 'name']}
            label="职工姓名"
            rules={[
              { required: true, message: '请填写职工姓名' },
              { min: 2, message: '职工姓名至少 2 个字' },
            ]}
          >
            <Input maxLength={30} data-testid="case-intake-name" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item
            name={['worker', 'residentId']}
            label="身份证号"
            rules={[
              { required: true, message: '请填写职工身份证号' },
              {
                validator: async (_r, value: string | undefined) => {
                  if (!value) return;
                  const r = parseResidentId(value);
                  if (!r.ok) throw new Error(`职工身份证号：${r.message}`);
                },
              },
            ]}
          >
            <Input maxLength={18} data-testid="case-intake-resident-id" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name={['worker', 'phone']}
            label="联系电话"
            rules={[{ pattern: /^1\d{10}$/, message: '联系电话应为 11 位手机号' }]}
          >
            <Input maxLength={11} data-testid="case-intake-phone" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="subject"
        label="事由"
        rules={[
          { required: true, message: '请填写事由' },
          { min: 4, message: '事由至少 4 个字' },
        ]}
      >
        <Input maxLength={60} placeholder="如：拖欠工资申请法律援助" data-testid="case-intake-subject" />
      </Form.Item>
      <Form.Item
        name="narrative"
        label="情况描述（加密保存，查看须说明原因）"
        rules={[
          { required: true, message: '请填写情况描述' },
          { min: 10, message: '情况描述至少 10 个字' },
        ]}
      >
        <Input.TextArea rows={5} maxLength={5000} data-testid="case-intake-narrative" />
      </Form.Item>
    </FormModal>
  );
}
