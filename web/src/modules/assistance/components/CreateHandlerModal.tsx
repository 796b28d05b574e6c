import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import {
  handlerKindLabels,
  handlerKinds,
  type CaseHandler,
  type HandlerKind,
  type Page,
  type User,
} from '@gonghui/contracts';
import { apiGet } from '../../../api/client.ts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { todayIso } from '../../../shared/format.ts';
import { useDebounced } from '../../../shared/useDebounced.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCreateHandler } from '../api/handling.ts';

interface HandlerValues {
  name: string;
  kind: HandlerKind;
  orgUnitId: number;
  userId?: number;
  organisation?: string;
}

/** The account of a staff handler: any of the territory's when the user may read accounts, else their own. */
function AccountSelect({ value, onChange }: { value?: number; onChange?(v: number | undefined): void }) {
  const me = useSession();
  const mayList = useCan('user:read');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const users = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: ({ signal }) =>
      apiGet<Page<User>>('/users', { q: q || undefined, page: 1, pageSize: 30 }, signal),
    enabled: mayList,
  });
  const own = { value: me.user.id, label: `${me.user.displayName}（本人，${me.user.orgUnit.name}）` };
  const options = mayList
    ? (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.orgUnitName}）` }))
    : [own];
  return (
    <Select<number>
      allowClear
      showSearch={mayList ? { filterOption: false, onSearch: setText } : undefined}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      placeholder="不关联账号"
      data-testid="handler-create-user"
    />
  );
}

/** Registers a handler: a staff member (with or without an account) or an outside lawyer, mediator, volunteer. */
export function CreateHandlerModal({ onClose, onDone }: { onClose(): void; onDone(h: CaseHandler): void }) {
  const [form] = Form.useForm<HandlerValues>();
  const me = useSession();
  const create = useCreateHandler();
  const kind = Form.useWatch('kind', form);
  return (
    <FormModal<HandlerValues>
      title="登记经办人"
      open
      form={form}
      fields={['name', 'kind', 'orgUnitId', 'userId', 'organisation']}
      initialValues={{ kind: 'lawyer', orgUnitId: me.user.orgUnit.id }}
      okText="登记"
      testId="handler-create"
      onCancel={onClose}
      onSubmit={async (v) => {
        const created = await create.mutateAsync({
          name: v.name,
          kind: v.kind,
          orgUnitId: v.orgUnitId,
          userId: v.kind === 'staff' ? (v.userId ?? null) : null,
          organisation: v.kind === 'staff' ? null : v.organisation || null,
        });
        onDone(created);
      }}
    >
      <Form.Item
        name="name"
        label="姓名"
        rules={[
          { required: true, message: '请填写姓名' },
          { min: 2, message: '姓名至少 2 个字' },
        ]}
      >
        <Input maxLength={30} data-testid="handler-create-name" />
      </Form.Item>
      <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择经办人类别' }]}>
        <Select
          options={handlerKinds.map((k) => ({ value: k, label: handlerKindLabels[k] }))}
          data-testid="handler-create-kind"
        />
      </Form.Item>
      <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
        <OrgPicker asOf={todayIso()} known={[me.user.orgUnit]} testId="handler-create-unit" />
      </Form.Item>
      {kind === 'staff' ? (
        <Form.Item name="userId" label="系统账号（有账号的工作人员）">
          <AccountSelect />
        </Form.Item>
      ) : (
        <Form.Item name="organisation" label="所在机构（律师事务所、调解组织等）">
          <Input maxLength={60} data-testid="handler-create-organisation" />
        </Form.Item>
      )}
    </FormModal>
  );
}
