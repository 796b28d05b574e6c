import { DashboardOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const workbenchModule: WebModule = {
  name: 'workbench',
  routes: [
    {
      path: '',
      page: lazyPage(() => import('./pages/WorkbenchPage.tsx'), 'WorkbenchPage'),
      title: '工作台',
    },
  ],
  menu: [{ key: 'workbench', path: '/', label: '工作台', icon: DashboardOutlined }],
};
