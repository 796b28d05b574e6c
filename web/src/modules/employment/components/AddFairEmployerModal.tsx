import { Col, Form, Input, Radio, Row } from 'antd';
import { checkCreditCode, type FairDetail } from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { EmployerSearchSelect } from '../../agreements/components/EmployerSearchSelect.tsx';
import { useAddFairEmployer } from '../api/employment.ts';

interface Values {
  from: 'register' | 'code';
  employerIds?: number[];
  creditCode?: string;
  name?: string;
  booth?: string;
  contactName?: string;
}

const fields = ['employerIds', 'creditCode', 'name', 'booth', 'contactName'];
const aliases = { employerId: 'employerIds' };

/** 增加参会单位: an employer of the register, or a firm by its credit code (checked as it is typed). */
export function AddFairEmployerModal({ fair, onClose }: { fair: FairDetail; onClose(): void }) {
  const [form] = Form.useForm<Values>();
  const add = useAddFairEmployer(fair.id);
  const from = Form.useWatch('from', form) ?? 'register';
  return (
    <FormModal<Values>
      title="增加参会单位"
      open
      form={form}
      testId="fair-employer-form"
      okText="增加"
      fields={fields}
      aliases={aliases}
      initialValues={{ from: 'register', employerIds: [] }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await add.mutateAsync({
          ...(v.from === 'register'
            ? { employerId: v.employerIds?.[0] }
            : { creditCode: v.creditCode?.trim().toUpperCase(), name: v.name?.trim() || null }),
          booth: v.booth?.trim() || null,
          contactName: v.contactName?.trim() || null,
        });
        onClose();
      }}
    >
      <Form.Item name="from" label="单位来源">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'register', label: '从单位名录选择' },
            { value: 'code', label: '按统一社会信用代码添加' },
          ]}
          data-testid="fair-employer-from"
        />
      </Form.Item>
      {from === 'register' ? (
        <Form.Item
          name="employerIds"
          label="参会单位"
          required
          rules={[{ required: true, type: 'array', min: 1, message: '请选择参会单位' }]}
        >
          <EmployerSearchSelect
            multiple={false}
            excludeIds={fair.employers.flatMap((e) => (e.employerId ? [e.employerId] : []))}
            testId="fair-employer-pick"
          />
        </Form.Item>
      ) : (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="creditCode"
              label="统一社会信用代码"
              required
              rules={[
                {
                  validator: async (_r, value: unknown) => {
                    const checked = checkCreditCode(typeof value === 'string' ? value : '');
                    if (!checked.ok) throw new Error(checked.message);
                  },
                },
              ]}
            >
              <Input maxLength={18} data-testid="fair-employer-code" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label="单位名称" extra="不在单位名录中的单位须填写">
              <Input maxLength={100} data-testid="fair-employer-name" />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="booth" label="展位号">
            <Input maxLength={20} data-testid="fair-employer-booth" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactName" label="联系人">
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
