import { FlagOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const formationCampaignsModule: WebModule = {
  name: 'formation-campaigns',
  menuGroup: 'formation',
  routes: [
    {
      path: 'formation-campaigns',
      page: lazyPage(() => import('./pages/FormationCampaignsPage.tsx'), 'FormationCampaignsPage'),
      title: '组建活动',
      permission: 'indicator:read',
    },
    {
      path: 'formation-campaigns/:id',
      page: lazyPage(() => import('./pages/FormationCampaignPage.tsx'), 'FormationCampaignPage'),
      title: '活动进展',
      permission: 'indicator:read',
    },
  ],
  menu: [
    {
      key: 'formation-campaigns',
      path: '/formation-campaigns',
      label: '组建活动',
      icon: FlagOutlined,
      supportsAsOf: true,
    },
  ],
};
