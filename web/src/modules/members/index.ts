import { IdcardOutlined, SwapOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const membersModule: WebModule = {
  name: 'members',
  menuGroup: 'member',
  routes: [
    {
      path: 'members',
      page: lazyPage(() => import('./pages/MembersPage.tsx'), 'MembersPage'),
      title: '会员实名制',
      permission: 'member:read',
    },
    {
      path: 'members/transfers',
      page: lazyPage(() => import('./pages/TransfersPage.tsx'), 'TransfersPage'),
      title: '会员关系接转',
      permission: 'member:read',
    },
    {
      path: 'members/transfers/:id/letter',
      page: lazyPage(() => import('./pages/TransferLetterPage.tsx'), 'TransferLetterPage'),
      title: '会员组织关系介绍信',
      permission: 'member:read',
    },
    {
      path: 'members/import',
      page: lazyPage(() => import('./pages/MemberImportPage.tsx'), 'MemberImportPage'),
      title: '导入名册',
      permission: 'member:write',
    },
    {
      path: 'members/:id',
      page: lazyPage(() => import('./pages/MemberPage.tsx'), 'MemberPage'),
      title: '会员详情',
      permission: 'member:read',
    },
  ],
  menu: [
    {
      key: 'members',
      path: '/members',
      label: '会员实名制',
      icon: IdcardOutlined,
    },
  ],
  counterIcons: { 'pending-transfers': SwapOutlined },
};
