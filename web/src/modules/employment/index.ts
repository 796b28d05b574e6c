import {
  BarChartOutlined,
  IdcardOutlined,
  PhoneOutlined,
  ReadOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { lazyPage, type WebModule } from '../../platform/module.ts';

export const employmentModule: WebModule = {
  name: 'employment',
  menuGroup: 'employment',
  routes: [
    {
      path: 'employment/figures',
      page: lazyPage(() => import('./pages/FiguresPage.tsx'), 'FiguresPage'),
      title: '就业援助统计',
      permission: 'employment:read',
    },
    {
      path: 'employment/fairs',
      page: lazyPage(() => import('./pages/FairsPage.tsx'), 'FairsPage'),
      title: '招聘会',
      permission: 'employment:read',
    },
    {
      path: 'employment/fairs/:id',
      page: lazyPage(() => import('./pages/FairPage.tsx'), 'FairPage'),
      title: '招聘会详情',
      permission: 'employment:read',
    },
    {
      path: 'employment/fairs/:id/booths',
      page: lazyPage(() => import('./pages/BoothPrintPage.tsx'), 'BoothPrintPage'),
      title: '展位表',
      permission: 'employment:read',
    },
    {
      path: 'employment/seekers',
      page: lazyPage(() => import('./pages/SeekersPage.tsx'), 'SeekersPage'),
      title: '求职人员',
      permission: 'employment:read',
    },
    {
      path: 'employment/seekers/:id',
      page: lazyPage(() => import('./pages/SeekerPage.tsx'), 'SeekerPage'),
      title: '求职人员详情',
      permission: 'employment:read',
    },
    {
      path: 'employment/courses',
      page: lazyPage(() => import('./pages/CoursesPage.tsx'), 'CoursesPage'),
      title: '培训班',
      permission: 'employment:read',
    },
    {
      path: 'employment/courses/:id',
      page: lazyPage(() => import('./pages/CoursePage.tsx'), 'CoursePage'),
      title: '培训班详情',
      permission: 'employment:read',
    },
    {
      path: 'employment/follow-ups',
      page: lazyPage(() => import('./pages/FollowUpsPage.tsx'), 'FollowUpsPage'),
      title: '就业回访',
      permission: 'employment:read',
    },
  ],
  menu: [
    { key: 'employment-figures', path: '/employment/figures', label: '就业援助统计', icon: BarChartOutlined },
    { key: 'employment-fairs', path: '/employment/fairs', label: '招聘会', icon: ShopOutlined },
    { key: 'employment-seekers', path: '/employment/seekers', label: '求职人员', icon: IdcardOutlined },
    { key: 'employment-courses', path: '/employment/courses', label: '培训班', icon: ReadOutlined },
    { key: 'employment-follow-ups', path: '/employment/follow-ups', label: '就业回访', icon: PhoneOutlined },
  ],
  counterIcons: { 'employment-follow-ups-overdue': PhoneOutlined },
  recordPaths: {
    job_fair: (id) => `/employment/fairs/${id}`,
    job_seeker: (id) => `/employment/seekers/${id}`,
    job_course: (id) => `/employment/courses/${id}`,
  },
};
