import { AuditOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const auditModule: WebModule = {
  name: 'audit',
  menuGroup: 'system',
  routes: [
    {
      path: 'audit',
      page: lazyPage(() => import('./pages/AuditPage.tsx'), 'AuditPage'),
      title: '审计日志',
      permission: 'audit:read',
    },
  ],
  menu: [{ key: 'audit', path: '/audit', label: '审计日志', icon: AuditOutlined }],
};
