import { Form, Input } from 'antd';
import type { CaseDetail } from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { todayIso } from '../../../shared/format.ts';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCaseAction } from '../api/cases.ts';
import { HandlerSelect } from './HandlerSelect.tsx';

const reasonRules = (label: string) => [
  { required: true, message: `请填写${label}` },
  { min: 2, message: `${label}至少 2 个字` },
];

/** Gives the case to a handler (a staff member, a lawyer, a mediator); the history keeps the earlier ones. */
export function AssignModal({ c, onClose, onDone }: { c: CaseDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ handlerId: number; note?: string }>();
  const run = useCaseAction(c.id);
  return (
    <FormModal<{ handlerId: number; note?: string }>
      title={`${c.handlerId ? '改派' : '指派'}经办人：${c.number}`}
      open
      form={form}
      fields={['handlerId', 'note']}
      okText="指派"
      testId="case-assign"
      onCancel={onClose}
      onSubmit={async (v) => {
        await run.mutateAsync({ action: 'assign', body: { handlerId: v.handlerId, note: v.note || null } });
        onDone();
      }}
    >
      <Form.Item name="handlerId" label="经办人" rules={[{ required: true, message: '请选择经办人' }]}>
        <HandlerSelect excludeId={c.handlerId ?? undefined} testId="case-assign-handler" />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input.TextArea rows={3} maxLength={500} data-testid="case-assign-note" />
      </Form.Item>
    </FormModal>
  );
}

/** Hands the case down to a unit below the handling unit, with the reason. */
export function ReferModal({ c, onClose, onDone }: { c: CaseDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ orgUnitId: number; reason: string }>();
  const run = useCaseAction(c.id);
  return (
    <FormModal<{ orgUnitId: number; reason: string }>
      title={`转交下级办理：${c.number}`}
      open
      form={form}
      fields={['orgUnitId', 'reason']}
      okText="转交"
      testId="case-refer"
      onCancel={onClose}
      onSubmit={async (v) => {
        await run.mutateAsync({ action: 'refer', body: v });
        onDone();
      }}
    >
      <Form.Item
        name="orgUnitId"
        label={`转交单位（「${c.handlingUnitName}」的下级工会）`}
        rules={[{ required: true, message: '请选择转交单位' }]}
      >
        <OrgPicker
          asOf={todayIso()}
          excludeIds={[c.handlingUnitId]}
          placeholder="输入名称查找下级工会"
          testId="case-refer-unit"
        />
      </Form.Item>
      <Form.Item name="reason" label="转交原因" rules={reasonRules('转交原因')}>
        <Input.TextArea rows={3} maxLength={500} data-testid="case-refer-reason" />
      </Form.Item>
    </FormModal>
  );
}
