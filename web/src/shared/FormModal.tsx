import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type ButtonProps, type FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { applyServerErrors } from './forms.ts';

interface FormModalProps<T> {
  title: ReactNode;
  open: boolean;
  form: FormInstance<T>;
  /** The form's fields, so the server's messages land on the field they name. */
  fields: NamePath[];
  aliases?: Record<string, NamePath>;
  initialValues?: Partial<T>;
  okText?: string;
  danger?: boolean;
  width?: number;
  testId: string;
  onCancel(): void;
  onSubmit(values: T): Promise<unknown>;
  children: ReactNode;
}

/** A modal form: validates as the user types and shows the server's answer. */
export function FormModal<T extends object>(props: FormModalProps<T>) {
  const {
    title,
    open,
    form,
    fields,
    aliases,
    initialValues,
    okText,
    danger,
    width,
    testId,
    onCancel,
    onSubmit,
    children,
  } = props;
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async () => {
    let values: T;
    try {
      values = await form.validateFields();
    } catch (invalid) {
      // The messages stand under their fields; bring the first into view, it may be below the fold.
      const first = (invalid as { errorFields?: Array<{ name: Array<string | number> }> }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    setSubmitting(true);
    setErrors([]);
    try {
      await onSubmit(values);
    } catch (error) {
      setErrors(applyServerErrors(form, error, fields, aliases));
    } finally {
      setSubmitting(false);
    }
  };

  const okButtonProps: ButtonProps & Record<`data-${string}`, string> = {
    danger,
    loading: submitting,
    'data-testid': `${testId}-ok`,
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      onOk={() => void submit()}
      okText={okText ?? '确定'}
      okButtonProps={okButtonProps}
      destroyOnHidden
      width={width ?? 560}
      mask={{ closable: false }}
    >
      <div data-testid={testId}>
        {errors.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid={`${testId}-error`}
            title={errors.length === 1 ? errors[0] : '提交未成功'}
            description={errors.length > 1 ? errors.join('；') : undefined}
          />
        ) : null}
        <Form<T>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          preserve={false}
          onValuesChange={() => setErrors([])}
          clearOnDestroy
        >
          {children}
        </Form>
      </div>
    </Modal>
  );
}
