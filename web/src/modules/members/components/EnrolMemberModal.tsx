import { Checkbox, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  educationLevels,
  genderLabels,
  householdTypeLabels,
  householdTypes,
  memberName,
  parseResidentId,
  phoneProblem,
  type EnrolMemberBody,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useEnrolMember } from '../api/members.ts';
import { EmployerPicker } from './EmployerPicker.tsx';

interface EnrolValues extends Omit<EnrolMemberBody, 'joinedOn' | 'migrantWorker' | 'newEmploymentForm'> {
  joinedOn: Dayjs;
  flags?: string[];
}

/** What the ID tells as the user types: the derived gender and birth date, or what is wrong. */
function IdHint({ value }: { value?: string }) {
  if (!value) return null;
  const r = parseResidentId(value);
  if (!r.ok) return null;
  return (
    <Typography.Text type="success" data-testid="enrol-derived">
      {genderLabels[r.id.gender]}，出生日期 {r.id.birthDate}
    </Typography.Text>
  );
}

export function EnrolMemberModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose(): void;
  onDone(id: number): void;
}) {
  const [form] = Form.useForm<EnrolValues>();
  const enrol = useEnrolMember();
  const residentId = Form.useWatch('residentId', form);
  return (
    <FormModal<EnrolValues>
      title="登记入会"
      open={open}
      form={form}
      fields={[
        'name',
        'residentId',
        'phone',
        'orgUnitId',
        'employerId',
        'joinedOn',
        'education',
        'householdType',
        'ethnicity',
      ]}
      initialValues={{ joinedOn: dayjs() }}
      okText="登记"
      width={680}
      testId="enrol"
      onCancel={onClose}
      onSubmit={async (v) => {
        const created = await enrol.mutateAsync({
          name: v.name,
          residentId: v.residentId,
          phone: v.phone || null,
          ethnicity: v.ethnicity || null,
          education: v.education ?? null,
          householdType: v.householdType ?? null,
          migrantWorker: (v.flags ?? []).includes('migrant'),
          newEmploymentForm: (v.flags ?? []).includes('newForm'),
          orgUnitId: v.orgUnitId,
          employerId: v.employerId ?? null,
          joinedOn: v.joinedOn.format('YYYY-MM-DD'),
        });
        onDone(created.id);
      }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label="姓名"
            rules={[zodRule(memberName, { required: true, emptyMessage: '请填写姓名' })]}
          >
            <Input data-testid="enrol-name" maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="residentId"
            label="身份证号码"
            extra={<IdHint value={residentId} />}
            rules={[
              {
                required: true,
                validator: async (_r, value: string | undefined) => {
                  const r = parseResidentId(value ?? '');
                  if (!r.ok) throw new Error(r.message);
                },
              },
            ]}
          >
            <Input data-testid="enrol-id" maxLength={22} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="phone"
            label="手机号码"
            rules={[
              {
                validator: async (_r, v: string | undefined) => {
                  const p = v ? phoneProblem(v) : null;
                  if (p) throw new Error(p);
                },
              },
            ]}
          >
            <Input data-testid="enrol-phone" maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="orgUnitId"
            label="所属工会"
            rules={[{ required: true, message: '请选择所属工会' }]}
          >
            <OrgPicker asOf={todayIso()} testId="enrol-union" placeholder="输入名称或拼音首字母查找" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="employerId"
            label="工作单位"
            extra="只能选择本会管辖范围内登记的单位；未登记的单位可留空"
          >
            <EmployerPicker current={null} testId="enrol-employer" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="ethnicity" label="民族">
            <Input maxLength={20} placeholder="如 汉族" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="education" label="文化程度">
            <Select allowClear options={educationLevels.map((e) => ({ value: e, label: e }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="householdType" label="户籍类型">
            <Select
              allowClear
              options={householdTypes.map((h) => ({ value: h, label: householdTypeLabels[h] }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="joinedOn" label="入会日期" rules={[{ required: true, message: '请选择入会日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="flags" label="身份">
            <Checkbox.Group
              options={[
                { value: 'migrant', label: '农民工' },
                { value: 'newForm', label: '新就业形态劳动者' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
