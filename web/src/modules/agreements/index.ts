import { FileProtectOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const agreementsModule: WebModule = {
  name: 'agreements',
  menuGroup: 'agreement',
  routes: [
    {
      path: 'agreements',
      page: lazyPage(() => import('./pages/AgreementsPage.tsx'), 'AgreementsPage'),
      title: '集体合同',
      permission: 'agreement:read',
    },
    {
      path: 'agreements/:id',
      page: lazyPage(() => import('./pages/AgreementPage.tsx'), 'AgreementPage'),
      title: '合同详情',
      permission: 'agreement:read',
    },
  ],
  menu: [
    {
      key: 'agreements',
      path: '/agreements',
      label: '集体合同',
      icon: FileProtectOutlined,
    },
  ],
  counterIcons: { 'agreements-ending': FileProtectOutlined },
};
