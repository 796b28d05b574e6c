import { Form } from 'antd';
import type { AgreementDetail, AgreementEmployersResult } from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { useAddAgreementEmployers } from '../api/agreements.ts';
import { EmployerSearchSelect } from './EmployerSearchSelect.tsx';

/** 增加覆盖单位: open employers of the user's scope; a regional agreement searches the signing union's territory. */
export function AddEmployersModal({
  agreement,
  onClose,
  onAdded,
}: {
  agreement: AgreementDetail;
  onClose(): void;
  onAdded(result: AgreementEmployersResult): void;
}) {
  const [form] = Form.useForm<{ employerIds: number[] }>();
  const add = useAddAgreementEmployers(agreement.id);
  return (
    <FormModal<{ employerIds: number[] }>
      title={`增加覆盖单位：${agreement.title}`}
      open
      form={form}
      testId="agreement-add-employers"
      okText="增加"
      width={640}
      fields={['employerIds']}
      initialValues={{ employerIds: [] }}
      onCancel={onClose}
      onSubmit={async (values) => {
        onAdded(await add.mutateAsync({ employerIds: values.employerIds }));
        onClose();
      }}
    >
      <Form.Item
        name="employerIds"
        label="单位"
        required
        rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一家单位' }]}
      >
        <EmployerSearchSelect
          multiple
          orgUnitId={agreement.kind === 'regional' ? agreement.orgUnitId : undefined}
          excludeIds={agreement.employers.map((e) => e.id)}
          testId="agreement-add-select"
        />
      </Form.Item>
    </FormModal>
  );
}
