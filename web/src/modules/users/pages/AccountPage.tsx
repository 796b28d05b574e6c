import {
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { passwordSchema, roleLabels, type OwnLogin } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { applyServerErrors, zodRule } from '../../../shared/forms.ts';
import { useSession } from '../../auth/session.tsx';
import { useChangeOwnPassword, useOwnLogins } from '../api/account.ts';

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

const loginColumns: TableColumnsType<OwnLogin> = [
  { title: '时间', dataIndex: 'at', key: 'at', width: 170, render: (v: string) => formatDateTime(v) },
  {
    title: '结果',
    dataIndex: 'succeeded',
    key: 'succeeded',
    width: 90,
    render: (ok: boolean) => (ok ? <Tag color="green">登录成功</Tag> : <Tag color="red">密码错误</Tag>),
  },
  {
    title: '来源地址',
    dataIndex: 'clientAddress',
    key: 'clientAddress',
    width: 140,
    render: (v: string | null) => v ?? '—',
  },
  { title: '浏览器', dataIndex: 'browser', key: 'browser', render: (v: string | null) => v ?? '—' },
];

function ChangePassword() {
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangeOwnPassword();
  const { message } = AntApp.useApp();

  const submit = (values: PasswordForm) => {
    change.mutate(
      { oldPassword: values.oldPassword, newPassword: values.newPassword },
      {
        onSuccess: (r) => {
          form.resetFields();
          void message.success(
            r.sessionsEnded > 0
              ? `密码已修改，其他 ${r.sessionsEnded} 处登录已退出`
              : '密码已修改，下次登录请使用新密码',
          );
        },
        onError: (e) => {
          const rest = applyServerErrors(form, e, ['oldPassword', 'newPassword']);
          if (rest.length > 0) void message.error(rest.join('；') || errorMessage(e));
        },
      },
    );
  };

  return (
    <Card title="修改密码" data-testid="account-password">
      <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
        <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" data-testid="account-old-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少 10 位，须同时包含字母和数字；修改后，本账号在其他电脑或浏览器上的登录将退出"
          rules={[zodRule(passwordSchema, { required: true, emptyMessage: '请填写新密码' })]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-confirm-password" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={change.isPending}
          data-testid="account-save-password"
        >
          修改密码
        </Button>
      </Form>
    </Card>
  );
}

/** The personal centre: one's own account, its password, and where it signed in from lately. */
export function AccountPage() {
  const me = useSession();
  const logins = useOwnLogins();
  return (
    <Row gutter={[16, 16]} data-testid="account-page">
      <Col xs={24} xl={10}>
        <Card title="我的账号" style={{ marginBottom: 16 }}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'displayName', label: '姓名', children: me.user.displayName },
              { key: 'username', label: '用户名', children: me.user.username },
              { key: 'role', label: '角色', children: roleLabels[me.user.role] },
              { key: 'unit', label: '所属组织', children: me.user.orgUnit.name },
            ]}
          />
        </Card>
        <ChangePassword />
      </Col>
      <Col xs={24} xl={14}>
        <Card
          title="最近登录记录"
          extra={<Typography.Text type="secondary">最近 20 次，含密码错误的尝试</Typography.Text>}
        >
          <Table<OwnLogin>
            size="small"
            rowKey={(r) => `${r.at}-${r.succeeded ? 1 : 0}`}
            columns={loginColumns}
            dataSource={logins.data ?? []}
            loading={logins.isLoading}
            pagination={false}
            locale={{ emptyText: logins.isError ? errorMessage(logins.error) : '暂无登录记录' }}
            data-testid="account-logins"
          />
        </Card>
      </Col>
    </Row>
  );
}
