import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Button, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { basePath, pageUrl } from './api/client.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { OldChromiumStyles } from './shared/OldChromiumStyles.tsx';
import { LoginPage } from './modules/auth/pages/LoginPage.tsx';
import { RequireAuth, RequirePermission } from './modules/auth/session.tsx';
import { WorkbenchPage } from './modules/workbench/pages/WorkbenchPage.tsx';

const OrgsPage = lazy(() =>
  import('./modules/orgs/pages/OrgsPage.tsx').then((m) => ({ default: m.OrgsPage })),
);
const UsersPage = lazy(() =>
  import('./modules/users/pages/UsersPage.tsx').then((m) => ({ default: m.UsersPage })),
);
const EmployersPage = lazy(() =>
  import('./modules/employers/pages/EmployersPage.tsx').then((m) => ({ default: m.EmployersPage })),
);
const EmployerPage = lazy(() =>
  import('./modules/employers/pages/EmployerPage.tsx').then((m) => ({ default: m.EmployerPage })),
);
const EmployerImportPage = lazy(() =>
  import('./modules/employers/pages/EmployerImportPage.tsx').then((m) => ({ default: m.EmployerImportPage })),
);
const IndicatorsPage = lazy(() =>
  import('./modules/indicators/pages/IndicatorsPage.tsx').then((m) => ({ default: m.IndicatorsPage })),
);
const CampaignsPage = lazy(() =>
  import('./modules/campaigns/pages/CampaignsPage.tsx').then((m) => ({ default: m.CampaignsPage })),
);
const CampaignPage = lazy(() =>
  import('./modules/campaigns/pages/CampaignPage.tsx').then((m) => ({ default: m.CampaignPage })),
);
const AgreementsPage = lazy(() =>
  import('./modules/agreements/pages/AgreementsPage.tsx').then((m) => ({ default: m.AgreementsPage })),
);
const AgreementPage = lazy(() =>
  import('./modules/agreements/pages/AgreementPage.tsx').then((m) => ({ default: m.AgreementPage })),
);
const MembersPage = lazy(() =>
  import('./modules/members/pages/MembersPage.tsx').then((m) => ({ default: m.MembersPage })),
);
const MemberPage = lazy(() =>
  import('./modules/members/pages/MemberPage.tsx').then((m) => ({ default: m.MemberPage })),
);
const TransfersPage = lazy(() =>
  import('./modules/members/pages/TransfersPage.tsx').then((m) => ({ default: m.TransfersPage })),
);
const MemberImportPage = lazy(() =>
  import('./modules/members/pages/MemberImportPage.tsx').then((m) => ({ default: m.MemberImportPage })),
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
        <Button type="primary" href={pageUrl('/')}>
          返回工作台
        </Button>
      }
    />
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <OldChromiumStyles>
      <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 6 } }}>
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <BrowserRouter basename={basePath || undefined}>
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
                  <Route
                    path="employers"
                    element={
                      <RequirePermission permission="employer:read">
                        <Lazy>
                          <EmployersPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="employers/import"
                    element={
                      <RequirePermission permission="employer:write">
                        <Lazy>
                          <EmployerImportPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="employers/:id"
                    element={
                      <RequirePermission permission="employer:read">
                        <Lazy>
                          <EmployerPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="indicators"
                    element={
                      <RequirePermission permission="indicator:read">
                        <Lazy>
                          <IndicatorsPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="campaigns"
                    element={
                      <RequirePermission permission="indicator:read">
                        <Lazy>
                          <CampaignsPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="campaigns/:id"
                    element={
                      <RequirePermission permission="indicator:read">
                        <Lazy>
                          <CampaignPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="agreements"
                    element={
                      <RequirePermission permission="agreement:read">
                        <Lazy>
                          <AgreementsPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="agreements/:id"
                    element={
                      <RequirePermission permission="agreement:read">
                        <Lazy>
                          <AgreementPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="members"
                    element={
                      <RequirePermission permission="member:read">
                        <Lazy>
                          <MembersPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="members/transfers"
                    element={
                      <RequirePermission permission="member:read">
                        <Lazy>
                          <TransfersPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="members/import"
                    element={
                      <RequirePermission permission="member:write">
                        <Lazy>
                          <MemberImportPage />
                        </Lazy>
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="members/:id"
                    element={
                      <RequirePermission permission="member:read">
                        <Lazy>
                          <MemberPage />
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
    </OldChromiumStyles>
  );
}
