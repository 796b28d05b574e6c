import { ApartmentOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const orgsModule: WebModule = {
  name: 'orgs',
  menuGroup: 'org',
  routes: [
    {
      path: 'orgs',
      page: lazyPage(() => import('./pages/OrgsPage.tsx'), 'OrgsPage'),
      title: '组织架构',
      permission: 'org:read',
    },
  ],
  menu: [
    {
      key: 'orgs',
      path: '/orgs',
      label: '组织架构',
      icon: ApartmentOutlined,
      supportsAsOf: true,
    },
  ],
};
