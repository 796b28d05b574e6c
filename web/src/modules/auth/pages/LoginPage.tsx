import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { loginBody, type LoginBody } from '@gonghui/contracts';
import { errorMessage, isApiError, pageUrl } from '../../../api/client.ts';
import { zodRule } from '../../../shared/forms.ts';
import { DemoBanner } from '../../../layout/DemoBanner.tsx';
import { useLogin, useMe, useMeta } from '../api/auth.ts';

const demoAccounts =
  'admin（苏州市总工会）、changshu（常熟市总工会）、dongbang（常熟市董浜镇工会）、taicang（太仓市总工会）、wuzhong（吴中区总工会），密码均为 gonghui-demo';

function safeRedirect(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}

export function LoginPage() {
  const [form] = Form.useForm<LoginBody>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const meta = useMeta();
  const login = useLogin();
  const [serverError, setServerError] = useState<string | null>(null);
  const redirect = safeRedirect(params.get('redirect'));

  if (me.data) return <Navigate to={redirect} replace />;

  const onFinish = (values: LoginBody) => {
    setServerError(null);
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: () => void navigate(redirect, { replace: true }),
        onError: (error) => {
          setServerError(errorMessage(error));
          if (isApiError(error) && error.code === 'UNAUTHENTICATED') form.setFieldValue('password', '');
        },
      },
    );
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: '#f0f2f5' }}>
      <DemoBanner extra={meta.data?.demo ? `演示账号：${demoAccounts}` : undefined} />
      <div
        style={{
          flex: 1,
          display: 'flex',
          alignItems: 'flex-start',
          justifyContent: 'center',
          padding: '96px 24px 24px',
          background: 'linear-gradient(180deg, #a50e1e 0, #c8102e 220px, #f0f2f5 220px)',
        }}
      >
        <Card style={{ width: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
          <div style={{ textAlign: 'center', marginBottom: 24 }}>
            <img src={pageUrl('/favicon.svg')} alt="" width={48} height={48} />
            <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
              工会工作平台
            </Typography.Title>
            <Typography.Text type="secondary">市、区、镇街、村社区及企业工会工作人员登录</Typography.Text>
          </div>
          {serverError ? (
            <Alert
              data-testid="login-error"
              type="error"
              showIcon
              title={serverError}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Form<LoginBody>
            form={form}
            layout="vertical"
            size="large"
            onFinish={onFinish}
            data-testid="login-form"
            requiredMark={false}
            onValuesChange={() => setServerError(null)}
          >
            <Form.Item
              name="username"
              label="用户名"
              required
              rules={[zodRule(loginBody.shape.username, { required: true, emptyMessage: '请输入用户名' })]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder="请输入用户名"
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label="密码"
              required
              rules={[zodRule(loginBody.shape.password, { required: true, emptyMessage: '请输入密码' })]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                placeholder="请输入密码"
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={login.isPending}
                data-testid="login-submit"
              >
                登 录
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0, textAlign: 'center' }}>
            连续多次输错密码，账号将被暂时锁定。忘记密码请联系上级工会管理员重置。
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  );
}
