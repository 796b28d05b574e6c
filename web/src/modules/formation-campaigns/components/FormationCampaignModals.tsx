import { useState } from 'react';
import { DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import {
  formationCampaignTaskBody,
  type FormationCampaignEmployersResult,
  type FormationCampaignProgress,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isoDateItemProps } from '../../../shared/dateField.ts';
import { formatCount } from '../../../shared/format.ts';
import { zodRule } from '../../../shared/forms.ts';
import { useDebounced } from '../../../shared/useDebounced.ts';
import { useEmployerList } from '../../employers/api/employers.ts';
import { useAddFormationCampaignEmployers, useAddFormationCampaignTask } from '../api/formation-campaigns.ts';

interface TaskValues {
  title: string;
  dueOn?: string;
}

/** 添加任务: a task of the campaign with an optional deadline. */
export function AddTaskModal({
  formationCampaign,
  onClose,
}: {
  formationCampaign: FormationCampaignProgress;
  onClose(): void;
}) {
  const [form] = Form.useForm<TaskValues>();
  const add = useAddFormationCampaignTask(formationCampaign.id);
  return (
    <FormModal<TaskValues>
      title="添加工作任务"
      open
      form={form}
      testId="formation-campaign-task-form"
      okText="添加"
      fields={['title', 'dueOn']}
      onCancel={onClose}
      onSubmit={async (values) => {
        await add.mutateAsync({ title: values.title.trim(), dueOn: values.dueOn ?? null });
        onClose();
      }}
    >
      <Form.Item
        name="title"
        label="任务"
        required
        rules={[
          zodRule(formationCampaignTaskBody.shape.title, { required: true, emptyMessage: '请填写任务' }),
        ]}
      >
        <Input maxLength={100} placeholder="如 走访未建会企业" data-testid="formation-campaign-task-title" />
      </Form.Item>
      <Form.Item
        name="dueOn"
        label="完成期限"
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              if (typeof value === 'string' && value < formationCampaign.startedOn) {
                throw new Error(`完成期限不能早于活动开始日期 ${formationCampaign.startedOn}`);
              }
            },
          },
        ]}
        {...isoDateItemProps}
      >
        <DatePicker style={{ width: '100%' }} data-testid="formation-campaign-task-due" />
      </Form.Item>
    </FormModal>
  );
}

interface TargetValues {
  employerIds: number[];
}

/** 添加目标单位: employers of the campaign's territory, found by name, initials or credit code. */
export function AddTargetsModal({
  formationCampaign,
  onClose,
  onAdded,
}: {
  formationCampaign: FormationCampaignProgress;
  onClose(): void;
  onAdded(result: FormationCampaignEmployersResult): void;
}) {
  const [form] = Form.useForm<TargetValues>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const add = useAddFormationCampaignEmployers(formationCampaign.id);
  const found = useEmployerList({
    q,
    orgUnitId: formationCampaign.orgUnitId,
    sort: 'name',
    order: 'asc',
    page: 1,
    pageSize: 20,
  });
  const already = new Set(formationCampaign.targets.map((t) => t.id));
  // Employers that are targets already are listed last, greyed out.
  const items = [...(found.data?.items ?? [])].sort(
    (a, b) => Number(already.has(a.id)) - Number(already.has(b.id)),
  );
  const options = items.map((e) => ({
    value: e.id,
    disabled: already.has(e.id),
    label: (
      <Space size={6} data-testid="formation-campaign-target-option">
        <span>{e.name}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.orgUnitName}
          {already.has(e.id) ? ' · 已是目标单位' : ''}
        </Typography.Text>
      </Space>
    ),
    name: e.name,
  }));

  return (
    <FormModal<TargetValues>
      title={`添加目标单位（${formationCampaign.orgUnitName}辖区）`}
      open
      form={form}
      testId="formation-campaign-targets-form"
      okText="添加"
      width={640}
      fields={['employerIds']}
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
        extra={
          found.data
            ? `辖区内符合条件的单位共 ${formatCount(found.data.total)} 家，输入名称、拼音首字母或信用代码查找`
            : undefined
        }
        rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一家单位' }]}
      >
        <Select<number[]>
          mode="multiple"
          showSearch={{ filterOption: false, onSearch: setSearch }}
          placeholder="搜索单位"
          loading={found.isFetching}
          options={options}
          optionLabelProp="name"
          notFoundContent={found.isFetching ? '正在查找…' : '没有找到单位'}
          style={{ width: '100%' }}
          data-testid="formation-campaign-targets-select"
        />
      </Form.Item>
    </FormModal>
  );
}
