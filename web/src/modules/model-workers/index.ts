import { AccountBookOutlined, GiftOutlined, ProfileOutlined, TrophyOutlined } from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const modelWorkersModule: WebModule = {
  name: 'model-workers',
  menuGroup: 'model-worker',
  routes: [
    {
      path: 'model-workers/registry',
      page: lazyPage(() => import('./pages/ModelWorkersPage.tsx'), 'ModelWorkersPage'),
      title: '劳模名册',
      permission: 'model_worker:read',
    },
    {
      path: 'model-workers/registry/:id',
      page: lazyPage(() => import('./pages/ModelWorkerPage.tsx'), 'ModelWorkerPage'),
      title: '劳动模范',
      permission: 'model_worker:read',
    },
    {
      path: 'model-workers/rules',
      page: lazyPage(() => import('./pages/SubsidyRulesPage.tsx'), 'SubsidyRulesPage'),
      title: '劳模补助标准',
      permission: 'model_worker:read',
    },
    {
      path: 'model-workers/rolls',
      page: lazyPage(() => import('./pages/RollsPage.tsx'), 'RollsPage'),
      title: '劳模补助名册',
      permission: 'model_worker:read',
    },
    {
      path: 'model-workers/rolls/:id',
      page: lazyPage(() => import('./pages/RollPage.tsx'), 'RollPage'),
      title: '补助名册详情',
      permission: 'model_worker:read',
    },
    {
      path: 'model-workers/visits',
      page: lazyPage(() => import('./pages/VisitCyclesPage.tsx'), 'VisitCyclesPage'),
      title: '劳模慰问',
      permission: 'model_worker:read',
    },
    {
      path: 'model-workers/visits/:id',
      page: lazyPage(() => import('./pages/VisitCyclePage.tsx'), 'VisitCyclePage'),
      title: '慰问活动',
      permission: 'model_worker:read',
    },
  ],
  menu: [
    {
      key: 'model-workers-registry',
      path: '/model-workers/registry',
      label: '劳模名册',
      icon: TrophyOutlined,
    },
    {
      key: 'model-workers-rules',
      path: '/model-workers/rules',
      label: '劳模补助标准',
      icon: ProfileOutlined,
    },
    {
      key: 'model-workers-rolls',
      path: '/model-workers/rolls',
      label: '劳模补助名册',
      icon: AccountBookOutlined,
    },
    { key: 'model-workers-visits', path: '/model-workers/visits', label: '劳模慰问', icon: GiftOutlined },
  ],
  recordPaths: {
    model_worker: (id) => `/model-workers/registry/${id}`,
    subsidy_roll: (id) => `/model-workers/rolls/${id}`,
    visit_cycle: (id) => `/model-workers/visits/${id}`,
  },
};
