import { Form, InputNumber } from 'antd';
import { FormModal } from '../../../shared/FormModal.tsx';
import { useCaseAction } from '../api/cases.ts';

/** Records the amount of living assistance, typed in yuan and sent in fen. */
export function AidAmountModal({ caseId, onClose }: { caseId: number; onClose(): void }) {
  const [form] = Form.useForm<{ amountYuan: number }>();
  const run = useCaseAction(caseId);
  return (
    <FormModal<{ amountYuan: number }>
      title="登记救助金额"
      open
      form={form}
      fields={['amountYuan']}
      aliases={{ amountFen: 'amountYuan' }}
      okText="登记"
      testId="case-aid"
      onCancel={onClose}
      onSubmit={async (v) => {
        await run.mutateAsync({ action: 'aid', body: { amountFen: Math.round(v.amountYuan * 100) } });
        onClose();
      }}
    >
      <Form.Item
        name="amountYuan"
        label="救助金额（元）"
        extra="超过本区审批限额的，须经上级工会审批后才能办结"
        rules={[{ required: true, message: '请填写救助金额' }]}
      >
        <InputNumber min={0.01} precision={2} style={{ width: 200 }} data-testid="case-aid-amount" />
      </Form.Item>
    </FormModal>
  );
}
