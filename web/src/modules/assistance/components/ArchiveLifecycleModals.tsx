import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  hardshipStatusLabels,
  suddenCauseLabels,
  suddenCauses,
  type HardshipArchiveDetail,
  type HardshipStatus,
  type SuddenCause,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { useArchiveStatus, useUpdateArchive } from '../api/archives.ts';

const verbs: Record<HardshipStatus, string> = { active: '恢复在档', exited: '脱困', cancelled: '注销' };

/** 脱困, 注销 (final) or back to 在档, each with the reason kept on the archive. */
export function ArchiveStatusModal({
  a,
  status,
  onClose,
}: {
  a: HardshipArchiveDetail;
  status: HardshipStatus;
  onClose(): void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const run = useArchiveStatus(a.id);
  return (
    <FormModal<{ reason: string }>
      title={`${verbs[status]}：${a.headName} 户`}
      open
      form={form}
      fields={['reason']}
      okText={verbs[status]}
      danger={status === 'cancelled'}
      testId="archive-status"
      onCancel={onClose}
      onSubmit={async (v) => {
        await run.mutateAsync({ status, reason: v.reason });
        onClose();
      }}
    >
      <Form.Item
        name="reason"
        label={`${verbs[status]}原因（档案状态将改为「${hardshipStatusLabels[status]}」${status === 'cancelled' ? '，注销后不能恢复' : ''}）`}
        rules={[
          { required: true, message: '请填写原因' },
          { min: 2, message: '原因至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} data-testid="archive-status-reason" />
      </Form.Item>
    </FormModal>
  );
}

interface ReviewValues {
  expenseYuan: number;
  suddenCause?: SuddenCause;
  suddenNote?: string;
  reviewDueOn: Dayjs;
}

/** The yearly review: confirm or correct the expenses and the cause, and set the next review date. */
export function ArchiveReviewModal({ a, onClose }: { a: HardshipArchiveDetail; onClose(): void }) {
  const [form] = Form.useForm<ReviewValues>();
  const run = useUpdateArchive(a.id);
  const base = dayjs(a.reviewDueOn).isAfter(dayjs()) ? dayjs(a.reviewDueOn) : dayjs();
  return (
    <FormModal<ReviewValues>
      title={`年度复核：${a.headName} 户`}
      open
      form={form}
      fields={['expenseYuan', 'suddenCause', 'suddenNote', 'reviewDueOn']}
      aliases={{ unavoidableExpenseFen: 'expenseYuan' }}
      initialValues={{
        expenseYuan: a.arithmetic.unavoidableExpenseFen / 100,
        suddenCause: a.suddenCause ?? undefined,
        suddenNote: a.suddenNote ?? undefined,
        reviewDueOn: base.add(1, 'year'),
      }}
      okText="完成复核"
      testId="archive-review"
      onCancel={onClose}
      onSubmit={async (v) => {
        await run.mutateAsync({
          unavoidableExpenseFen: Math.round(v.expenseYuan * 100),
          suddenCause: v.suddenCause ?? null,
          suddenNote: v.suddenNote || null,
          reviewDueOn: v.reviewDueOn.format('YYYY-MM-DD'),
        });
        onClose();
      }}
    >
      <Form.Item
        name="expenseYuan"
        label="年刚性支出（元）"
        extra="家庭成员的收入在成员表中逐人修改；困难类别随之重算"
        rules={[{ required: true, message: '请填写刚性支出' }]}
      >
        <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="archive-review-expense" />
      </Form.Item>
      <Form.Item name="suddenCause" label="意外致困原因">
        <Select
          allowClear
          placeholder="无"
          options={suddenCauses.map((c) => ({ value: c, label: suddenCauseLabels[c] }))}
        />
      </Form.Item>
      <Form.Item name="suddenNote" label="致困情况说明">
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item
        name="reviewDueOn"
        label="下次复核日期"
        rules={[{ required: true, message: '请选择下次复核日期' }]}
      >
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="archive-review-next" />
      </Form.Item>
    </FormModal>
  );
}
