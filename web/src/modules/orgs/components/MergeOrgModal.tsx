import { DatePicker, Form, Input, Radio, Typography } from 'antd';
import { mergeOrgBody, type MergeOrgBody, type OrgUnit } from '@gonghui/contracts';
import { isAfterToday, isoDateItemProps } from '../../../shared/dateField.ts';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useMergeOrgs } from '../api/orgs.ts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { OrgPicker, type KnownOrg } from './OrgPicker.tsx';

interface MergeValues {
  sourceIds: number[];
  mode: 'existing' | 'new';
  target: { existingId?: number | null; parentId?: number | null; name?: string; divisionCode?: string };
  date: string;
}

interface MergeOrgModalProps {
  unit: OrgUnit;
  parent: OrgUnit | null;
  asOf: string;
  open: boolean;
  onClose(): void;
  onDone(target: OrgUnit, date: string): void;
}

const newTarget = mergeOrgBody.shape.target.options[1].shape;

function toBody(values: MergeValues): MergeOrgBody | null {
  const { target } = values;
  if (values.mode === 'existing') {
    if (!target.existingId) return null;
    return { sourceIds: values.sourceIds, target: { existingId: target.existingId }, date: values.date };
  }
  if (!target.parentId || !target.name) return null;
  return {
    sourceIds: values.sourceIds,
    target: {
      parentId: target.parentId,
      name: target.name.trim(),
      divisionCode: target.divisionCode?.trim() ? target.divisionCode.trim() : null,
    },
    date: values.date,
  };
}

/**
 * Merges units, as when 平江区, 沧浪区 and 金阊区 became 姑苏区: the sources close on the date, their
 * subordinate units move to the target, and every source keeps its history.
 */
export function MergeOrgModal({ unit, parent, asOf, open, onClose, onDone }: MergeOrgModalProps) {
  const [form] = Form.useForm<MergeValues>();
  const merge = useMergeOrgs();
  const mode = Form.useWatch('mode', form);
  const known: KnownOrg[] = [unit, ...(parent ? [parent] : [])];

  return (
    <FormModal<MergeValues>
      title="合并组织"
      open={open}
      form={form}
      width={640}
      testId="org-merge-modal"
      okText="合并"
      danger
      aliases={
        mode === 'existing' ? { target: ['target', 'existingId'] } : { target: ['target', 'parentId'] }
      }
      fields={[
        'sourceIds',
        ['target', 'existingId'],
        ['target', 'parentId'],
        ['target', 'name'],
        ['target', 'divisionCode'],
        'date',
      ]}
      initialValues={{
        sourceIds: [unit.id],
        mode: 'new',
        target: { existingId: null, parentId: parent?.id ?? null, name: '', divisionCode: '' },
        date: todayIso(),
      }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const body = toBody(values);
        if (!body) return;
        const target = await merge.mutateAsync(body);
        onDone(target, values.date);
      }}
    >
      <Typography.Paragraph type="secondary">
        被合并的组织在合并日期撤销，其下级组织整体转入合并后的组织；原组织的沿革全部保留，查看合并前的日期仍按原样显示。
      </Typography.Paragraph>
      <Form.Item
        name="sourceIds"
        label="被合并的组织"
        required
        rules={[
          zodRule(mergeOrgBody.shape.sourceIds, {
            required: true,
            emptyMessage: '请至少选择一个被合并的组织',
          }),
        ]}
      >
        <OrgPicker
          multiple
          asOf={asOf}
          known={known}
          testId="org-merge-sources"
          placeholder="搜索并添加被合并的组织"
        />
      </Form.Item>
      <Form.Item name="mode" label="合并方式">
        <Radio.Group
          data-testid="org-merge-mode"
          options={[
            { value: 'new', label: '合并成立新组织' },
            { value: 'existing', label: '并入已有组织' },
          ]}
        />
      </Form.Item>
      {mode === 'existing' ? (
        <Form.Item
          name={['target', 'existingId']}
          label="并入的组织"
          required
          dependencies={['sourceIds']}
          rules={[
            { required: true, message: '请选择并入的组织' },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: unknown) => {
                const sources = getFieldValue('sourceIds') as number[] | undefined;
                if (typeof value === 'number' && sources?.includes(value)) {
                  throw new Error('并入的组织不能同时是被合并的组织');
                }
              },
            }),
          ]}
        >
          <OrgPicker asOf={asOf} known={known} testId="org-merge-existing" placeholder="搜索并入的组织" />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name={['target', 'name']}
            label="新组织名称"
            required
            rules={[zodRule(newTarget.name, { required: true, emptyMessage: '请填写名称' })]}
          >
            <Input placeholder="如：姑苏区总工会" maxLength={60} showCount data-testid="org-merge-name" />
          </Form.Item>
          <Form.Item
            name={['target', 'parentId']}
            label="新组织的上级组织"
            required
            rules={[{ required: true, message: '请选择新组织的上级组织' }]}
          >
            <OrgPicker asOf={asOf} known={known} testId="org-merge-parent" placeholder="搜索上级组织" />
          </Form.Item>
          <Form.Item
            name={['target', 'divisionCode']}
            label="行政区划代码"
            extra="选填。6 位（GB/T 2260）或 9、12 位统计用区划代码。"
            rules={[zodRule(newTarget.divisionCode)]}
          >
            <Input placeholder="如 320508" maxLength={12} inputMode="numeric" />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="date"
        label="合并日期"
        required
        rules={[zodRule(mergeOrgBody.shape.date, { required: true, emptyMessage: '请选择合并日期' })]}
        {...isoDateItemProps}
      >
        <DatePicker
          style={{ width: '100%' }}
          format="YYYY-MM-DD"
          disabledDate={isAfterToday}
          data-testid="org-merge-date"
        />
      </Form.Item>
    </FormModal>
  );
}
