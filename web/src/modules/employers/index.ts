import { ShopOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const employersModule: WebModule = {
  name: 'employers',
  menuGroup: 'formation',
  routes: [
    {
      path: 'employers',
      page: lazyPage(() => import('./pages/EmployersPage.tsx'), 'EmployersPage'),
      title: '非公企业数据库',
      permission: 'employer:read',
    },
    {
      path: 'employers/import',
      page: lazyPage(() => import('./pages/EmployerImportPage.tsx'), 'EmployerImportPage'),
      title: '批量导入',
      permission: 'employer:write',
    },
    {
      path: 'employers/:id',
      page: lazyPage(() => import('./pages/EmployerPage.tsx'), 'EmployerPage'),
      title: '单位详情',
      permission: 'employer:read',
    },
  ],
  menu: [
    {
      key: 'employers',
      path: '/employers',
      label: '非公企业数据库',
      icon: ShopOutlined,
    },
  ],
};
