import { Alert, DatePicker, Form, Input, Typography } from 'antd';
import { closeOrgBody, moveOrgBody, renameOrgBody, type OrgUnit } from '@gonghui/contracts';
import { isAfterToday, isoDateItemProps } from '../../../shared/dateField.ts';
import { zodRule } from '../../../shared/forms.ts';
import { formatDate, todayIso } from '../../../shared/format.ts';
import { useCloseOrg, useMoveOrg, useRenameOrg } from '../api/orgs.ts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { OrgPicker } from './OrgPicker.tsx';

interface ChangeModalProps {
  unit: OrgUnit;
  parent: OrgUnit | null;
  asOf: string;
  open: boolean;
  onClose(): void;
  onDone(unit: OrgUnit, date: string): void;
}

function EffectiveDate({
  name,
  label,
  schema,
}: {
  name: string;
  label: string;
  schema: typeof renameOrgBody.shape.date;
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      required
      extra="不能晚于今天。该日期及以后按新的情况显示，查看此前的日期仍显示原来的情况。"
      rules={[zodRule(schema, { required: true, emptyMessage: '请选择生效日期' })]}
      {...isoDateItemProps}
    >
      <DatePicker
        style={{ width: '100%' }}
        format="YYYY-MM-DD"
        disabledDate={isAfterToday}
        data-testid={`${name}-picker`}
      />
    </Form.Item>
  );
}

interface RenameValues {
  name: string;
  date: string;
}

export function RenameOrgModal({ unit, open, onClose, onDone }: ChangeModalProps) {
  const [form] = Form.useForm<RenameValues>();
  const rename = useRenameOrg();
  return (
    <FormModal<RenameValues>
      title={`更名：${unit.name}`}
      open={open}
      form={form}
      testId="org-rename-modal"
      okText="更名"
      fields={['name', 'date']}
      initialValues={{ name: unit.name, date: todayIso() }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const result = await rename.mutateAsync({ id: unit.id, name: values.name.trim(), date: values.date });
        onDone(result, values.date);
      }}
    >
      <Form.Item
        name="name"
        label="新名称"
        required
        rules={[
          zodRule(renameOrgBody.shape.name, { required: true, emptyMessage: '请填写名称' }),
          {
            validator: async (_rule, value: unknown) => {
              if (typeof value === 'string' && value.trim() === unit.name)
                throw new Error('新名称与现名称相同');
            },
          },
        ]}
      >
        <Input maxLength={60} showCount data-testid="org-rename-name" />
      </Form.Item>
      <EffectiveDate name="date" label="更名日期" schema={renameOrgBody.shape.date} />
    </FormModal>
  );
}

interface MoveValues {
  newParentId: number | null;
  date: string;
}

export function MoveOrgModal({ unit, parent, asOf, open, onClose, onDone }: ChangeModalProps) {
  const [form] = Form.useForm<MoveValues>();
  const move = useMoveOrg();
  return (
    <FormModal<MoveValues>
      title={`调整隶属：${unit.name}`}
      open={open}
      form={form}
      testId="org-move-modal"
      okText="调整"
      fields={['newParentId', 'date']}
      initialValues={{ newParentId: null, date: todayIso() }}
      onCancel={onClose}
      onSubmit={async (values) => {
        if (values.newParentId === null) return;
        const result = await move.mutateAsync({
          id: unit.id,
          newParentId: values.newParentId,
          date: values.date,
        });
        onDone(result, values.date);
      }}
    >
      <Typography.Paragraph type="secondary">
        现上级组织：{parent ? parent.name : '—'}。调整后，{unit.name}及其全部下级组织随之转入新的上级。
      </Typography.Paragraph>
      <Form.Item
        name="newParentId"
        label="新的上级组织"
        required
        rules={[
          { required: true, message: '请选择新的上级组织' },
          zodRule(moveOrgBody.shape.newParentId),
          {
            validator: async (_rule, value: unknown) => {
              if (parent && value === parent.id) throw new Error('新的上级组织与现上级组织相同');
            },
          },
        ]}
      >
        <OrgPicker
          asOf={asOf}
          excludeIds={[unit.id]}
          testId="org-move-parent"
          placeholder="搜索新的上级组织"
        />
      </Form.Item>
      <EffectiveDate name="date" label="调整日期" schema={moveOrgBody.shape.date} />
    </FormModal>
  );
}

interface CloseValues {
  date: string;
  successorId: number | null;
}

export function CloseOrgModal({ unit, asOf, open, onClose, onDone }: ChangeModalProps) {
  const [form] = Form.useForm<CloseValues>();
  const close = useCloseOrg();
  return (
    <FormModal<CloseValues>
      title={`撤销：${unit.name}`}
      open={open}
      form={form}
      testId="org-close-modal"
      okText="撤销"
      danger
      fields={['date', 'successorId']}
      initialValues={{ date: todayIso(), successorId: null }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const result = await close.mutateAsync({
          id: unit.id,
          date: values.date,
          successorId: values.successorId ?? null,
        });
        onDone(result, values.date);
      }}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`撤销后，${unit.name}自撤销日期起不再出现在组织架构中`}
        description={`撤销前的记录与沿革全部保留，查看 ${formatDate(unit.validFrom)} 至撤销日期之间的任一天仍可看到它。${
          unit.childCount > 0 ? `它还有 ${unit.childCount} 个下级组织，请先调整它们的隶属或一并合并。` : ''
        }`}
      />
      <EffectiveDate name="date" label="撤销日期" schema={closeOrgBody.shape.date} />
      <Form.Item name="successorId" label="承继组织" extra="选填。由哪个组织承接它的工作、会员与档案。">
        <OrgPicker
          asOf={asOf}
          excludeIds={[unit.id]}
          testId="org-close-successor"
          placeholder="搜索承继组织"
        />
      </Form.Item>
    </FormModal>
  );
}
