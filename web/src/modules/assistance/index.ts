import {
  BarChartOutlined,
  ClockCircleOutlined,
  CustomerServiceOutlined,
  HomeOutlined,
  SafetyOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const assistanceModule: WebModule = {
  name: 'assistance',
  menuGroup: 'assistance',
  routes: [
    {
      path: 'assistance/cases',
      page: lazyPage(() => import('./pages/CasesPage.tsx'), 'CasesPage'),
      title: '求助案件',
      permission: 'assistance:read',
    },
    {
      path: 'assistance/cases/:id',
      page: lazyPage(() => import('./pages/CasePage.tsx'), 'CasePage'),
      title: '案件详情',
      permission: 'assistance:read',
    },
    {
      path: 'assistance/dashboard',
      page: lazyPage(() => import('./pages/AssistanceDashboardPage.tsx'), 'AssistanceDashboardPage'),
      title: '帮扶统计',
      permission: 'assistance:read',
    },
    {
      path: 'assistance/handlers',
      page: lazyPage(() => import('./pages/HandlersPage.tsx'), 'HandlersPage'),
      title: '经办人名录',
      permission: 'assistance:read',
    },
    {
      path: 'assistance/handlers/:id',
      page: lazyPage(() => import('./pages/HandlerPage.tsx'), 'HandlerPage'),
      title: '经办人',
      permission: 'assistance:read',
    },
    {
      path: 'assistance/workers/:id',
      page: lazyPage(() => import('./pages/WorkerTimelinePage.tsx'), 'WorkerTimelinePage'),
      title: '职工求助记录',
      permission: 'assistance:read',
    },
    {
      path: 'assistance/clock-rules',
      page: lazyPage(() => import('./pages/ClockRulesPage.tsx'), 'ClockRulesPage'),
      title: '办理时限设置',
      permission: 'assistance:read',
    },
    {
      path: 'assistance/archives',
      page: lazyPage(() => import('./pages/ArchivesPage.tsx'), 'ArchivesPage'),
      title: '困难职工档案',
      permission: 'assistance:read',
    },
    {
      path: 'assistance/archives/import',
      page: lazyPage(() => import('./pages/ArchiveImportPage.tsx'), 'ArchiveImportPage'),
      title: '导入困难职工档案',
      permission: 'assistance:write',
    },
    {
      path: 'assistance/archives/:id',
      page: lazyPage(() => import('./pages/ArchivePage.tsx'), 'ArchivePage'),
      title: '档案详情',
      permission: 'assistance:read',
    },
    {
      path: 'assistance/insurance',
      page: lazyPage(() => import('./pages/InsurancePage.tsx'), 'InsurancePage'),
      title: '职工互助保障',
      permission: 'assistance:read',
    },
    {
      path: 'assistance/claims',
      page: lazyPage(() => import('./pages/InsuranceClaimsPage.tsx'), 'InsuranceClaimsPage'),
      title: '互助保障理赔',
      permission: 'assistance:read',
    },
  ],
  menu: [
    { key: 'assistance', path: '/assistance/cases', label: '求助案件', icon: CustomerServiceOutlined },
    { key: 'assistance-dashboard', path: '/assistance/dashboard', label: '帮扶统计', icon: BarChartOutlined },
    { key: 'handlers', path: '/assistance/handlers', label: '经办人名录', icon: TeamOutlined },
    { key: 'clock-rules', path: '/assistance/clock-rules', label: '办理时限设置', icon: ClockCircleOutlined },
    { key: 'hardship', path: '/assistance/archives', label: '困难职工档案', icon: HomeOutlined },
    { key: 'insurance', path: '/assistance/insurance', label: '职工互助保障', icon: SafetyOutlined },
    { key: 'claims', path: '/assistance/claims', label: '互助保障理赔', icon: SafetyOutlined },
  ],
  counterIcons: { 'assistance-overdue': CustomerServiceOutlined },
  recordPaths: {
    assistance_case: (id) => `/assistance/cases/${id}`,
    case_handler: (id) => `/assistance/handlers/${id}`,
    hardship_archive: (id) => `/assistance/archives/${id}`,
  },
};
