import { BarChartOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const indicatorsModule: WebModule = {
  name: 'indicators',
  menuGroup: 'org',
  routes: [
    {
      path: 'indicators',
      page: lazyPage(() => import('./pages/IndicatorsPage.tsx'), 'IndicatorsPage'),
      title: '组织建设指标',
      permission: 'indicator:read',
    },
  ],
  menu: [
    {
      key: 'indicators',
      path: '/indicators',
      label: '组织建设指标',
      icon: BarChartOutlined,
      supportsAsOf: true,
    },
  ],
};
