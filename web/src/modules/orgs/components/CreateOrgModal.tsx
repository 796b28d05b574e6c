import { Form, Input, DatePicker, Select, Typography } from 'antd';
import {
  createOrgBody,
  jointTypeLabels,
  jointTypes,
  orgKindLabels,
  orgKinds,
  orgLevelLabels,
  orgLevels,
  type CreateOrgBody,
  type OrgLevel,
  type OrgUnit,
} from '@gonghui/contracts';
import { isAfterToday, isoDateItemProps } from '../../../shared/dateField.ts';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useCreateOrg } from '../api/orgs.ts';
import { FormModal } from '../../../shared/FormModal.tsx';

type CreateOrgValues = Omit<CreateOrgBody, 'parentId' | 'jointType' | 'divisionCode'> & {
  jointType?: CreateOrgBody['jointType'];
  divisionCode?: string;
};

interface CreateOrgModalProps {
  parent: OrgUnit;
  open: boolean;
  onClose(): void;
  onCreated(unit: OrgUnit): void;
}

function levelBelow(level: OrgLevel): OrgLevel {
  const index = orgLevels.indexOf(level);
  return orgLevels[Math.min(index + 1, orgLevels.length - 1)];
}

const shape = createOrgBody.shape;

export function CreateOrgModal({ parent, open, onClose, onCreated }: CreateOrgModalProps) {
  const [form] = Form.useForm<CreateOrgValues>();
  const create = useCreateOrg();
  const kind = Form.useWatch('kind', form);
  const childLevel = levelBelow(parent.level);

  return (
    <FormModal<CreateOrgValues>
      title={`新建下级组织：${parent.name}`}
      open={open}
      form={form}
      testId="org-create-modal"
      okText="新建"
      fields={['name', 'kind', 'level', 'jointType', 'divisionCode', 'validFrom']}
      initialValues={{
        kind: childLevel === 'enterprise' ? 'grassroots_union' : 'federation',
        level: childLevel,
        validFrom: todayIso(),
      }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const unit = await create.mutateAsync({
          parentId: parent.id,
          name: values.name.trim(),
          kind: values.kind,
          level: values.level,
          jointType: values.kind === 'joint_union' ? (values.jointType ?? null) : null,
          divisionCode: values.divisionCode?.trim() ? values.divisionCode.trim() : null,
          validFrom: values.validFrom,
        });
        onCreated(unit);
      }}
    >
      <Typography.Paragraph type="secondary">
        上级组织：{parent.name}（{orgLevelLabels[parent.level]}）
      </Typography.Paragraph>
      <Form.Item
        name="name"
        label="组织名称"
        required
        rules={[zodRule(shape.name, { required: true, emptyMessage: '请填写名称' })]}
      >
        <Input
          placeholder="如：董浜镇东盾村联合工会"
          maxLength={60}
          showCount
          data-testid="org-create-name"
        />
      </Form.Item>
      <Form.Item
        name="kind"
        label="组织类型"
        required
        rules={[{ required: true, message: '请选择组织类型' }]}
      >
        <Select options={orgKinds.map((value) => ({ value, label: orgKindLabels[value] }))} />
      </Form.Item>
      {kind === 'joint_union' ? (
        <Form.Item
          name="jointType"
          label="联合工会类别"
          required
          rules={[{ required: true, message: '联合工会须注明区域性或行业性' }]}
        >
          <Select
            placeholder="请选择区域性或行业性"
            options={jointTypes.map((value) => ({ value, label: jointTypeLabels[value] }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="level"
        label="组织层级"
        required
        rules={[{ required: true, message: '请选择组织层级' }]}
      >
        <Select options={orgLevels.map((value) => ({ value, label: orgLevelLabels[value] }))} />
      </Form.Item>
      <Form.Item
        name="divisionCode"
        label="行政区划代码"
        extra="选填。6 位（GB/T 2260）或 9、12 位统计用区划代码；企业工会可不填。"
        rules={[zodRule(shape.divisionCode)]}
      >
        <Input placeholder="如 320581106" maxLength={12} inputMode="numeric" />
      </Form.Item>
      <Form.Item
        name="validFrom"
        label="成立日期"
        required
        rules={[zodRule(shape.validFrom, { required: true, emptyMessage: '请选择成立日期' })]}
        {...isoDateItemProps}
      >
        <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={isAfterToday} />
      </Form.Item>
    </FormModal>
  );
}
