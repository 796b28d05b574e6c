import { Form, Input } from 'antd';
import { FormModal } from '../../../shared/FormModal.tsx';
import { useCaseAction } from '../api/cases.ts';

/** One action on a case that needs a text from the user (a reason, an outcome, a note). */
export interface CaseAction {
  /** The path below the case: `escalate`, `status`, `pause` … */
  action: string;
  title: string;
  okText: string;
  /** The body's text field and its label. */
  field: 'reason' | 'outcome' | 'note';
  label: string;
  placeholder?: string;
  /** What else the body carries (the new status). */
  extra?: Record<string, unknown>;
  testId: string;
}

export function CaseActionModal({
  caseId,
  spec,
  onClose,
  onDone,
}: {
  caseId: number;
  spec: CaseAction;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const run = useCaseAction(caseId);
  return (
    <FormModal<Record<string, string>>
      title={spec.title}
      open
      form={form}
      fields={[spec.field]}
      okText={spec.okText}
      testId={spec.testId}
      onCancel={onClose}
      onSubmit={async (v) => {
        await run.mutateAsync({ action: spec.action, body: { ...spec.extra, [spec.field]: v[spec.field] } });
        onDone();
      }}
    >
      <Form.Item
        name={spec.field}
        label={spec.label}
        rules={[
          { required: true, message: `请填写${spec.label}` },
          { min: 2, message: `${spec.label}至少 2 个字` },
        ]}
      >
        <Input.TextArea
          rows={4}
          maxLength={1000}
          placeholder={spec.placeholder}
          data-testid={`${spec.testId}-text`}
        />
      </Form.Item>
    </FormModal>
  );
}
