import { DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { InsuranceClaim, InsuranceEnrolment, InsurancePlan } from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isAfterToday } from '../../../shared/dateField.ts';
import { useDecideClaim, usePayClaim, useSubmitClaim } from '../api/insurance.ts';
import { yuan } from './money.ts';

const reasonRules = (label: string, min: number) => [
  { required: true, message: `请填写${label}` },
  { min, message: `${label}至少 ${min} 个字` },
];

/** A claim for an enrolled member: the amount asked (in yuan on screen) and what happened. */
export function SubmitClaimModal({
  plan,
  enrolment,
  onClose,
  onDone,
}: {
  plan: InsurancePlan;
  enrolment: InsuranceEnrolment;
  onClose(): void;
  onDone(c: InsuranceClaim): void;
}) {
  const [form] = Form.useForm<{ amountYuan: number; reason: string }>();
  const submit = useSubmitClaim();
  return (
    <FormModal<{ amountYuan: number; reason: string }>
      title={`申请理赔：${enrolment.memberName}（${plan.name}）`}
      open
      form={form}
      fields={['amountYuan', 'reason']}
      aliases={{ amountFen: 'amountYuan' }}
      okText="提交申请"
      testId="claim-submit"
      onCancel={onClose}
      onSubmit={async (v) => {
        onDone(
          await submit.mutateAsync({
            enrolmentId: enrolment.id,
            amountFen: Math.round(v.amountYuan * 100),
            reason: v.reason,
          }),
        );
      }}
    >
      <Form.Item
        name="amountYuan"
        label={`申请金额（元，最高赔付 ${yuan(plan.maxPayoutFen)} 元）`}
        rules={[{ required: true, message: '请填写申请金额' }]}
      >
        <InputNumber min={0.01} precision={2} style={{ width: 200 }} data-testid="claim-submit-amount" />
      </Form.Item>
      <Form.Item name="reason" label="申请事由" rules={reasonRules('申请事由', 4)}>
        <Input.TextArea rows={3} maxLength={500} data-testid="claim-submit-reason" />
      </Form.Item>
    </FormModal>
  );
}

interface DecideValues {
  approve: boolean;
  approvedYuan?: number;
  note: string;
}

/** Approves a claim (for its amount or less) or declines it, with the reviewer's note. */
export function DecideClaimModal({ claim, onClose }: { claim: InsuranceClaim; onClose(): void }) {
  const [form] = Form.useForm<DecideValues>();
  const decide = useDecideClaim(claim.id);
  const approve = Form.useWatch('approve', form);
  return (
    <FormModal<DecideValues>
      title={`审核理赔：${claim.memberName}，申请 ${yuan(claim.amountFen)} 元`}
      open
      form={form}
      fields={['approve', 'approvedYuan', 'note']}
      aliases={{ approvedFen: 'approvedYuan' }}
      initialValues={{ approve: true, approvedYuan: claim.amountFen / 100 }}
      okText="提交审核"
      testId="claim-decide"
      onCancel={onClose}
      onSubmit={async (v) => {
        await decide.mutateAsync({
          approve: v.approve,
          approvedFen: v.approve && v.approvedYuan !== undefined ? Math.round(v.approvedYuan * 100) : null,
          note: v.note,
        });
        onClose();
      }}
    >
      <Form.Item name="approve" label="审核结论">
        <Radio.Group
          options={[
            { value: true, label: '批准' },
            { value: false, label: '不予批准' },
          ]}
        />
      </Form.Item>
      {approve !== false ? (
        <Form.Item
          name="approvedYuan"
          label="批准金额（元，不超过申请金额）"
          rules={[{ required: true, message: '请填写批准金额' }]}
        >
          <InputNumber
            min={0.01}
            max={claim.amountFen / 100}
            precision={2}
            style={{ width: 200 }}
            data-testid="claim-decide-amount"
          />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label="审核意见" rules={reasonRules('审核意见', 2)}>
        <Input.TextArea rows={3} maxLength={500} data-testid="claim-decide-note" />
      </Form.Item>
    </FormModal>
  );
}

/** Records the payout of an approved claim. */
export function PayClaimModal({ claim, onClose }: { claim: InsuranceClaim; onClose(): void }) {
  const [form] = Form.useForm<{ paidOn: Dayjs }>();
  const pay = usePayClaim(claim.id);
  return (
    <FormModal<{ paidOn: Dayjs }>
      title={`登记赔付：${claim.memberName}，${yuan(claim.approvedFen ?? 0)} 元`}
      open
      form={form}
      fields={['paidOn']}
      initialValues={{ paidOn: dayjs() }}
      okText="登记赔付"
      testId="claim-pay"
      onCancel={onClose}
      onSubmit={async (v) => {
        await pay.mutateAsync({ paidOn: v.paidOn.format('YYYY-MM-DD') });
        onClose();
      }}
    >
      <Form.Item name="paidOn" label="赔付日期" rules={[{ required: true, message: '请选择赔付日期' }]}>
        <DatePicker disabledDate={isAfterToday} />
      </Form.Item>
    </FormModal>
  );
}
