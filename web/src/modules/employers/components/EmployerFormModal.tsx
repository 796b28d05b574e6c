import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useQueryClient } from '@tanstack/react-query';
import {
  checkCreditCode,
  employerFields,
  type CreateEmployerBody,
  type Employer,
  type UpdateEmployerBody,
} from '@gonghui/contracts';
import { apiGet } from '../../../api/client.ts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isAfterToday, isoDateItemProps } from '../../../shared/dateField.ts';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import {
  employerKeys,
  useCreateEmployer,
  useUpdateEmployer,
  type CreditCodeCheck,
} from '../api/employers.ts';
import { industryOptions, unitCategoryOptions } from './choices.ts';

interface EmployerValues {
  creditCode: string;
  name: string;
  unitCategory: string;
  industryCode: string;
  employees: number;
  aboveScale: boolean;
  orgUnitId: number | null;
  registeredOn: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
}

const fields: (keyof EmployerValues)[] = [
  'creditCode',
  'name',
  'unitCategory',
  'industryCode',
  'employees',
  'aboveScale',
  'orgUnitId',
  'registeredOn',
  'address',
  'contactName',
  'contactPhone',
];

const shape = employerFields.shape;

function valuesOf(employer: Employer | null): Partial<EmployerValues> {
  if (!employer) return { unitCategory: '170', aboveScale: false };
  return {
    creditCode: employer.creditCode,
    name: employer.name,
    unitCategory: employer.unitCategory,
    industryCode: employer.industryCode,
    employees: employer.employees,
    aboveScale: employer.aboveScale,
    orgUnitId: employer.orgUnitId,
    registeredOn: employer.registeredOn,
    address: employer.address ?? undefined,
    contactName: employer.contactName ?? undefined,
    contactPhone: employer.contactPhone ?? undefined,
  };
}

function bodyOf(values: EmployerValues, orgUnitId: number): CreateEmployerBody {
  return {
    creditCode: values.creditCode.trim().toUpperCase(),
    name: values.name.trim(),
    unitCategory: values.unitCategory as CreateEmployerBody['unitCategory'],
    industryCode: values.industryCode,
    employees: values.employees,
    aboveScale: values.aboveScale,
    orgUnitId,
    registeredOn: values.registeredOn,
    address: values.address?.trim() || null,
    contactName: values.contactName?.trim() || null,
    contactPhone: values.contactPhone?.trim() || null,
  };
}

/** Only the fields that changed, so an edit records exactly what the user changed. */
function changesOf(body: CreateEmployerBody, employer: Employer): UpdateEmployerBody {
  const before: Record<string, unknown> = { ...employer };
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if ((before[key] ?? null) !== (value ?? null)) changes[key] = value;
  }
  return changes as UpdateEmployerBody;
}

interface EmployerFormModalProps {
  /** The employer to edit, or null to register a new one. */
  employer: Employer | null;
  onClose(): void;
  onSaved(employer: Employer): void;
}

/** Registers or edits an employer; the credit code is checked as it is typed, then against the register. */
export function EmployerFormModal({ employer, onClose, onSaved }: EmployerFormModalProps) {
  const [form] = Form.useForm<EmployerValues>();
  const me = useSession();
  const queryClient = useQueryClient();
  const create = useCreateEmployer();
  const update = useUpdateEmployer();

  const creditCodeRules: Rule[] = [
    { required: true, message: '请填写统一社会信用代码' },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value.trim() === '') return;
        const local = checkCreditCode(value);
        if (!local.ok) throw new Error(local.message);
        const answer = await queryClient.fetchQuery({
          queryKey: employerKeys.code(local.code),
          queryFn: () => apiGet<CreditCodeCheck>('/employers/check-code', { code: local.code }),
          staleTime: 10_000,
        });
        if (!answer.valid) throw new Error(answer.message ?? '统一社会信用代码有误');
        if (answer.existing && answer.existing.id !== employer?.id) {
          throw new Error(`该统一社会信用代码已登记：${answer.existing.name}`);
        }
      },
    },
  ];

  return (
    <FormModal<EmployerValues>
      title={employer ? `编辑单位：${employer.name}` : '登记单位'}
      open
      form={form}
      testId="employer-form"
      okText={employer ? '保存' : '登记'}
      width={760}
      fields={fields}
      initialValues={valuesOf(employer)}
      onCancel={onClose}
      onSubmit={async (values) => {
        if (values.orgUnitId === null) return;
        const body = bodyOf(values, values.orgUnitId);
        if (employer) {
          const changes = changesOf(body, employer);
          if (Object.keys(changes).length === 0) {
            onSaved(employer);
            return;
          }
          onSaved(await update.mutateAsync({ id: employer.id, body: changes }));
        } else {
          onSaved(await create.mutateAsync(body));
        }
      }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="creditCode"
            label="统一社会信用代码"
            required
            validateDebounce={200}
            hasFeedback
            extra="18 位，输入时即校验位数、字符和校验码，并查重"
            rules={creditCodeRules}
          >
            <Input
              maxLength={20}
              autoComplete="off"
              placeholder="如 91320581MA1XXXXXXX"
              style={{ fontFamily: 'monospace' }}
              data-testid="employer-credit-code"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="name"
            label="单位名称"
            required
            rules={[zodRule(shape.name, { required: true, emptyMessage: '请填写单位名称' })]}
          >
            <Input maxLength={100} data-testid="employer-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="unitCategory"
            label="单位类别"
            required
            rules={[{ required: true, message: '请选择单位类别' }]}
          >
            <Select options={unitCategoryOptions} data-testid="employer-category" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="industryCode"
            label="所属行业（GB/T 4754-2017 大类）"
            required
            rules={[{ required: true, message: '请选择所属行业' }]}
          >
            <Select
              options={industryOptions}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="输入行业名称或代码搜索"
              data-testid="employer-industry"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="employees"
            label="职工人数"
            required
            rules={[zodRule(shape.employees, { required: true, emptyMessage: '请填写职工人数' })]}
          >
            <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="employer-employees" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="aboveScale" label="规模以上企业" required>
            <Radio.Group
              options={[
                { value: true, label: '是' },
                { value: false, label: '否' },
              ]}
              data-testid="employer-above-scale"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="registeredOn"
            label="登记日期"
            required
            rules={[{ required: true, message: '请选择登记日期' }]}
            {...isoDateItemProps}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={isAfterToday}
              data-testid="employer-registered-on"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="orgUnitId"
            label="所在镇（街道）或村（社区）"
            required
            extra="单位所在的镇（街道）工会或村（社区）联合工会"
            rules={[{ required: true, message: '请选择所在镇街或村社区' }]}
          >
            <OrgPicker
              asOf={todayIso()}
              known={[
                me.user.orgUnit,
                ...(employer ? [{ id: employer.orgUnitId, name: employer.orgUnitName }] : []),
              ]}
              testId="employer-locality"
              placeholder="输入镇、村名称或拼音首字母搜索"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label="地址" rules={[zodRule(shape.address)]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactName" label="联系人" rules={[zodRule(shape.contactName)]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactPhone" label="联系电话" rules={[zodRule(shape.contactPhone)]}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
