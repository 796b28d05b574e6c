import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Button, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { AppLayout } from './layout/AppLayout.tsx';
import { LoginPage } from './modules/auth/pages/LoginPage.tsx';
import { RequireAuth, RequirePermission } from './modules/auth/session.tsx';
import { WorkbenchPage } from './modules/workbench/pages/WorkbenchPage.tsx';

const OrgsPage = lazy(() =>
  import('./modules/orgs/pages/OrgsPage.tsx').then((m) => ({ default: m.OrgsPage })),
);
const UsersPage = lazy(() =>
  import('./modules/users/pages/UsersPage.tsx').then((m) => ({ default: m.UsersPage })),
);
const AuditPage = lazy(() =>
  import('./modules/audit/pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);

function PageLoading() {
  return (
    <div style={{ padding: 80, textAlign: 'center' }}>
      <Spin description="正在载入…" />
    </div>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

function NotFoundPage() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在，请从左侧菜单进入。"
      extra={
        <Button type="primary" href="/">
          返回工作台
        </Button>
      }
    />
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 6 } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<WorkbenchPage />} />
                <Route
                  path="orgs"
                  element={
                    <RequirePermission permission="org:read">
                      <Lazy>
                        <OrgsPage />
                      </Lazy>
                    </RequirePermission>
                  }
                />
                <Route
                  path="users"
                  element={
                    <RequirePermission permission="user:read">
                      <Lazy>
                        <UsersPage />
                      </Lazy>
                    </RequirePermission>
                  }
                />
                <Route
                  path="audit"
                  element={
                    <RequirePermission permission="audit:read">
                      <Lazy>
                        <AuditPage />
                      </Lazy>
                    </RequirePermission>
                  }
                />
                <Route path="workbench" element={<Navigate to="/" replace />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
