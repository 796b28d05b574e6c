import { Form, Input, Select, Typography } from 'antd';
import {
  createUserBody,
  passwordSchema,
  roleLabels,
  roles,
  updateUserBody,
  type Role,
  type User,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCreateUser, useUpdateUser } from '../api/users.ts';

const roleOptions = roles.map((value) => ({ value, label: roleLabels[value] }));
const roleHelp =
  '管理员可维护本级及下级的组织架构与用户账号、查看审计日志；工会干部和只读查看账号可查看组织架构。';

function ConfirmPassword({ field = 'password' }: { field?: string }) {
  return (
    <Form.Item
      name="confirm"
      label="确认密码"
      required
      dependencies={[field]}
      rules={[
        { required: true, message: '请再次输入密码' },
        ({ getFieldValue }) => ({
          validator: async (_rule, value: unknown) => {
            if (value && value !== getFieldValue(field)) throw new Error('两次输入的密码不一致');
          },
        }),
      ]}
    >
      <Input.Password autoComplete="new-password" data-testid="user-password-confirm" />
    </Form.Item>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: number | null;
  password: string;
  confirm: string;
}

export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(user: User): void;
}) {
  const [form] = Form.useForm<CreateValues>();
  const me = useSession();
  const create = useCreateUser();
  const shape = createUserBody.shape;
  return (
    <FormModal<CreateValues>
      title="新建用户"
      open={open}
      form={form}
      testId="user-create-modal"
      okText="新建"
      fields={['username', 'displayName', 'role', 'orgUnitId', 'password']}
      initialValues={{ role: 'cadre', orgUnitId: me.user.orgUnit.id }}
      onCancel={onClose}
      onSubmit={async (values) => {
        if (values.orgUnitId === null) return;
        const user = await create.mutateAsync({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          orgUnitId: values.orgUnitId,
          password: values.password,
        });
        onCreated(user);
      }}
    >
      <Form.Item
        name="username"
        label="用户名"
        required
        extra="登录时使用，创建后不能修改"
        rules={[zodRule(shape.username, { required: true, emptyMessage: '请填写用户名' })]}
      >
        <Input placeholder="如 zhangsan" autoComplete="off" maxLength={32} data-testid="user-username" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label="姓名"
        required
        rules={[zodRule(shape.displayName, { required: true, emptyMessage: '请填写姓名' })]}
      >
        <Input maxLength={40} data-testid="user-display-name" />
      </Form.Item>
      <Form.Item
        name="orgUnitId"
        label="所属组织"
        required
        extra="用户只能看到所属组织及其下级组织"
        rules={[{ required: true, message: '请选择所属组织' }]}
      >
        <OrgPicker asOf={todayIso()} known={[me.user.orgUnit]} testId="user-org" placeholder="搜索所属组织" />
      </Form.Item>
      <Form.Item
        name="role"
        label="角色"
        required
        extra={roleHelp}
        rules={[{ required: true, message: '请选择角色' }]}
      >
        <Select options={roleOptions} data-testid="user-role" />
      </Form.Item>
      <Form.Item
        name="password"
        label="初始密码"
        required
        extra="至少 10 位，须同时包含字母和数字"
        rules={[zodRule(shape.password, { required: true, emptyMessage: '请填写密码' })]}
      >
        <Input.Password autoComplete="new-password" data-testid="user-password" />
      </Form.Item>
      <ConfirmPassword />
    </FormModal>
  );
}

interface EditValues {
  displayName: string;
  role: Role;
}

export function EditUserModal({ user, onClose }: { user: User; onClose(): void }) {
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateUser();
  const me = useSession();
  const isSelf = user.id === me.user.id;
  return (
    <FormModal<EditValues>
      title={`编辑用户：${user.username}`}
      open
      form={form}
      testId="user-edit-modal"
      okText="保存"
      fields={['displayName', 'role']}
      initialValues={{ displayName: user.displayName, role: user.role }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const body: { displayName?: string; role?: Role } = {};
        if (values.displayName.trim() !== user.displayName) body.displayName = values.displayName.trim();
        if (values.role !== user.role) body.role = values.role;
        if (Object.keys(body).length > 0) await update.mutateAsync({ id: user.id, body });
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">所属组织：{user.orgUnitName}</Typography.Paragraph>
      <Form.Item
        name="displayName"
        label="姓名"
        required
        rules={[zodRule(updateUserBody.shape.displayName, { required: true, emptyMessage: '请填写姓名' })]}
      >
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="role" label="角色" required extra={isSelf ? '不能修改自己的角色' : roleHelp}>
        <Select options={roleOptions} disabled={isSelf} />
      </Form.Item>
    </FormModal>
  );
}

interface PasswordValues {
  password: string;
  confirm: string;
}

export function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: User;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<PasswordValues>();
  const update = useUpdateUser();
  return (
    <FormModal<PasswordValues>
      title={`重置密码：${user.displayName}（${user.username}）`}
      open
      form={form}
      testId="user-password-modal"
      okText="重置"
      fields={['password']}
      onCancel={onClose}
      onSubmit={async (values) => {
        await update.mutateAsync({ id: user.id, body: { password: values.password } });
        onDone();
      }}
    >
      <Typography.Paragraph type="secondary">重置后请通过安全渠道把新密码告知本人。</Typography.Paragraph>
      <Form.Item
        name="password"
        label="新密码"
        required
        extra="至少 10 位，须同时包含字母和数字"
        rules={[zodRule(passwordSchema, { required: true, emptyMessage: '请填写密码' })]}
      >
        <Input.Password autoComplete="new-password" data-testid="user-password" />
      </Form.Item>
      <ConfirmPassword />
    </FormModal>
  );
}
