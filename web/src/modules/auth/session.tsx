import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Result, Button, Spin } from 'antd';
import type { Me, Permission } from '@gonghui/contracts';
import { errorMessage } from '../../api/client.ts';
import { useMe } from './api/auth.ts';

const SessionContext = createContext<Me | null>(null);

/** The signed-in user; only inside the pages that need a login. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession is used outside a signed-in page');
  return me;
}

export function useCan(permission: Permission): boolean {
  return useSession().permissions.includes(permission);
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) {
    return (
      <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" description="正在载入…" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={errorMessage(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me.data) {
    const redirect = location.pathname + location.search;
    const target = redirect === '/' ? '/login' : `/login?redirect=${encodeURIComponent(redirect)}`;
    return <Navigate to={target} replace />;
  }
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}

/** Shows its children only to users with the permission; others see a 403 page. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  if (!allowed) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="您的账号没有使用此功能的权限，如需开通请联系上级工会管理员。"
      />
    );
  }
  return <>{children}</>;
}
