import { Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { basePath } from './api/client.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { OldChromiumStyles } from './shared/OldChromiumStyles.tsx';
import { LoginPage } from './modules/auth/pages/LoginPage.tsx';
import { RequireAuth, RequirePermission } from './modules/auth/session.tsx';
import type { ModuleRoute } from './platform/module.ts';
import { webModules } from './platform/modules.ts';
import { NotFoundResult } from './platform/NotFoundResult.tsx';

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

/** A module's page, behind its permission when it has one. */
function ModulePage({ route }: { route: ModuleRoute }) {
  const Page = route.page;
  const page = (
    <Lazy>
      <Page />
    </Lazy>
  );
  return route.permission ? (
    <RequirePermission permission={route.permission}>{page}</RequirePermission>
  ) : (
    page
  );
}

const moduleRoutes = webModules.flatMap((m) => m.routes);

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
                  {moduleRoutes.map((route) =>
                    route.path === '' ? (
                      <Route key="index" index element={<ModulePage route={route} />} />
                    ) : (
                      <Route key={route.path} path={route.path} element={<ModulePage route={route} />} />
                    ),
                  )}
                  <Route path="workbench" element={<Navigate to="/" replace />} />
                  <Route path="*" element={<NotFoundResult />} />
                </Route>
              </Routes>
            </BrowserRouter>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </OldChromiumStyles>
  );
}
