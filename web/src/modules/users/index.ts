import { TeamOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const usersModule: WebModule = {
  name: 'users',
  menuGroup: 'system',
  routes: [
    {
      path: 'users',
      page: lazyPage(() => import('./pages/UsersPage.tsx'), 'UsersPage'),
      title: '用户管理',
      permission: 'user:read',
    },
    {
      path: 'account',
      page: lazyPage(() => import('./pages/AccountPage.tsx'), 'AccountPage'),
      title: '个人中心',
    },
  ],
  menu: [{ key: 'users', path: '/users', label: '用户管理', icon: TeamOutlined }],
};
