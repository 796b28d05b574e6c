import { App as AntApp, Checkbox, Col, Form, Input, Row, Select, Typography } from 'antd';
import {
  educationLevels,
  householdTypeLabels,
  householdTypes,
  memberName,
  phoneProblem,
  type HouseholdType,
  type Member,
  type UpdateMemberBody,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { zodRule } from '../../../shared/forms.ts';
import { useUpdateMember } from '../api/members.ts';
import { EmployerPicker } from './EmployerPicker.tsx';

interface EditValues {
  name: string;
  phone?: string;
  clearPhone?: boolean;
  ethnicity?: string;
  education?: string | null;
  householdType?: HouseholdType | null;
  flags?: string[];
  employerId?: number | null;
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Only what the user changed, so the audit record shows exactly that. */
function changesOf(m: Member, v: EditValues): UpdateMemberBody {
  const body: UpdateMemberBody = {};
  const flags = v.flags ?? [];
  if (v.name.trim() !== m.name) body.name = v.name.trim();
  if (v.clearPhone) body.phone = null;
  else if (v.phone?.trim()) body.phone = v.phone.trim();
  if (blankToNull(v.ethnicity) !== m.ethnicity) body.ethnicity = blankToNull(v.ethnicity);
  if ((v.education ?? null) !== m.education)
    body.education = (v.education ?? null) as UpdateMemberBody['education'];
  if ((v.householdType ?? null) !== m.householdType) body.householdType = v.householdType ?? null;
  if (flags.includes('migrant') !== m.migrantWorker) body.migrantWorker = flags.includes('migrant');
  if (flags.includes('newForm') !== m.newEmploymentForm) body.newEmploymentForm = flags.includes('newForm');
  if ((v.employerId ?? null) !== m.employerId) body.employerId = v.employerId ?? null;
  return body;
}

/** Edits a member's own facts; the ID stays masked, the phone is only replaced or removed, never shown. */
export function EditMemberModal({
  member,
  open,
  onClose,
}: {
  member: Member;
  open: boolean;
  onClose(): void;
}) {
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateMember();
  const { message } = AntApp.useApp();
  const clearPhone = Form.useWatch('clearPhone', form);
  return (
    <FormModal<EditValues>
      title={`修改会员信息：${member.name}（${member.registryNo}）`}
      open={open}
      form={form}
      fields={['name', 'phone', 'ethnicity', 'education', 'householdType', 'flags', 'employerId']}
      aliases={{ migrantWorker: 'flags', newEmploymentForm: 'flags' }}
      initialValues={{
        name: member.name,
        ethnicity: member.ethnicity ?? undefined,
        education: member.education,
        householdType: member.householdType,
        flags: [
          ...(member.migrantWorker ? ['migrant'] : []),
          ...(member.newEmploymentForm ? ['newForm'] : []),
        ],
        employerId: member.employerId,
      }}
      okText="保存"
      width={680}
      testId="member-edit"
      onCancel={onClose}
      onSubmit={async (v) => {
        const body = changesOf(member, v);
        if (Object.keys(body).length === 0) {
          void message.info('没有修改任何信息');
          onClose();
          return;
        }
        await update.mutateAsync({ id: member.id, body });
        void message.success('会员信息已保存');
        onClose();
      }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label="姓名"
            rules={[zodRule(memberName, { required: true, emptyMessage: '请填写姓名' })]}
          >
            <Input data-testid="member-edit-name" maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="身份证号码" extra="身份证号码登记后不能修改">
            <Typography.Text data-testid="member-edit-id">{member.residentIdMasked}</Typography.Text>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="phone"
            label="手机号码"
            extra={member.phoneMasked ? `现为 ${member.phoneMasked}，留空则不修改` : '现未登记'}
            rules={[
              {
                validator: async (_r, v: string | undefined) => {
                  const p = v?.trim() ? phoneProblem(v.trim()) : null;
                  if (p) throw new Error(p);
                },
              },
            ]}
          >
            <Input
              data-testid="member-edit-phone"
              maxLength={20}
              disabled={!!clearPhone}
              placeholder="填写新的手机号码"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          {member.phoneMasked ? (
            <Form.Item name="clearPhone" valuePropName="checked" label=" ">
              <Checkbox data-testid="member-edit-clear-phone">删除现登记的手机号码</Checkbox>
            </Form.Item>
          ) : null}
        </Col>
        <Col span={8}>
          <Form.Item name="ethnicity" label="民族">
            <Input maxLength={20} placeholder="如 汉族" data-testid="member-edit-ethnicity" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="education" label="文化程度">
            <Select
              allowClear
              data-testid="member-edit-education"
              options={educationLevels.map((e) => ({ value: e, label: e }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="householdType" label="户籍类型">
            <Select
              allowClear
              data-testid="member-edit-household"
              options={householdTypes.map((h) => ({ value: h, label: householdTypeLabels[h] }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="flags" label="身份">
            <Checkbox.Group
              data-testid="member-edit-flags"
              options={[
                { value: 'migrant', label: '农民工' },
                { value: 'newForm', label: '新就业形态劳动者' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="employerId"
            label="工作单位"
            extra="只能选择您管辖范围内已登记、未注销的单位；清空表示不在任何登记单位工作"
          >
            <EmployerPicker
              testId="member-edit-employer"
              current={
                member.employerId !== null
                  ? { id: member.employerId, name: member.employerName ?? `单位 #${member.employerId}` }
                  : null
              }
            />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
