import { Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import {
  createModelWorkerBody,
  modelWorkerLevelLabels,
  modelWorkerLevels,
  modelWorkerStatusLabels,
  modelWorkerStatuses,
  type CreateModelWorkerBody,
  type ModelWorker,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCreateWorker } from '../api/modelWorkers.ts';

type Values = Omit<CreateModelWorkerBody, 'orgUnitId'> & { orgUnitId: number | null };
const shape = createModelWorkerBody.shape;
const fields = Object.keys(shape);

/** 登记劳动模范: the person, the honour, the situation and the bank account the subsidy goes to. */
export function CreateWorkerModal({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(w: ModelWorker): void;
}) {
  const [form] = Form.useForm<Values>();
  const me = useSession();
  const create = useCreateWorker();
  const hardship = Form.useWatch('hardship', form);
  return (
    <FormModal<Values>
      title="登记劳动模范"
      open
      form={form}
      testId="worker-form"
      okText="登记"
      width={760}
      fields={fields}
      initialValues={{
        orgUnitId: me.user.orgUnit.id,
        level: 'city',
        status: 'retired',
        hardship: false,
        equivalent: false,
      }}
      onCancel={onClose}
      onSubmit={async (v) => {
        if (v.orgUnitId === null) return;
        onCreated(await create.mutateAsync({ ...v, orgUnitId: v.orgUnitId }));
      }}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item
            name="name"
            label="姓名"
            required
            rules={[zodRule(shape.name, { required: true, emptyMessage: '请填写姓名' })]}
          >
            <Input maxLength={30} data-testid="worker-name" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item
            name="residentId"
            label="身份证号码"
            required
            rules={[{ required: true, message: '请填写身份证号码' }]}
          >
            <Input maxLength={18} data-testid="worker-resident-id" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="status" label="在职状态" required>
            <Select
              options={modelWorkerStatuses.map((s) => ({ value: s, label: modelWorkerStatusLabels[s] }))}
              data-testid="worker-status"
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="level" label="荣誉级别" required>
            <Select
              options={modelWorkerLevels.map((l) => ({ value: l, label: modelWorkerLevelLabels[l] }))}
              data-testid="worker-level"
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item
            name="title"
            label="荣誉称号"
            required
            rules={[zodRule(shape.title, { required: true, emptyMessage: '请填写荣誉称号' })]}
          >
            <Input maxLength={40} placeholder="如 江苏省劳动模范" data-testid="worker-title" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="awardedYear"
            label="授予年份"
            required
            rules={[{ required: true, message: '请填写授予年份' }]}
          >
            <InputNumber min={1950} max={2100} style={{ width: '100%' }} data-testid="worker-year" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="orgUnitId" label="所属工会" required>
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit]}
              placeholder="所属工会"
              testId="worker-org"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="workUnit" label="工作单位" rules={[zodRule(shape.workUnit)]}>
            <Input maxLength={60} data-testid="worker-work-unit" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="bankName" label="开户银行" rules={[zodRule(shape.bankName)]}>
            <Input maxLength={40} data-testid="worker-bank" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="bankAccount" label="银行账号" rules={[zodRule(shape.bankAccount)]}>
            <Input maxLength={40} data-testid="worker-account" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="equivalent" valuePropName="checked">
            <Checkbox>享受同等待遇的荣誉</Checkbox>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="hardship" valuePropName="checked">
            <Checkbox data-testid="worker-hardship">生活困难</Checkbox>
          </Form.Item>
        </Col>
        {hardship ? (
          <Col span={24}>
            <Form.Item
              name="hardshipEvidence"
              label="困难情况说明"
              required
              rules={[{ required: true, message: '请填写困难情况说明' }]}
            >
              <Input.TextArea maxLength={500} rows={2} data-testid="worker-evidence" />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
    </FormModal>
  );
}
