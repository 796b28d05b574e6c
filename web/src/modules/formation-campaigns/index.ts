import { FlagOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const formationCampaignsModule: WebModule = {
  name: 'formation-campaigns',
  routes: [
    {
      path: 'campaigns',
      page: lazyPage(() => import('./pages/CampaignsPage.tsx'), 'CampaignsPage'),
      title: '组建活动',
      permission: 'indicator:read',
    },
    {
      path: 'campaigns/:id',
      page: lazyPage(() => import('./pages/CampaignPage.tsx'), 'CampaignPage'),
      title: '活动进展',
      permission: 'indicator:read',
    },
  ],
  menu: [
    {
      key: 'campaigns',
      path: '/campaigns',
      label: '组建活动',
      icon: FlagOutlined,
      supportsAsOf: true,
    },
  ],
};
