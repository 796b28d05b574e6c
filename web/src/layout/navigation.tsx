import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, DashboardOutlined, TeamOutlined } from '@ant-design/icons';
import { BarChartOutlined, FlagOutlined, ShopOutlined } from '@ant-design/icons';
import { FileProtectOutlined, IdcardOutlined } from '@ant-design/icons';
import type { Permission } from '@gonghui/contracts';

export interface NavItem {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown in the menu only to users with this permission. */
  permission?: Permission;
  /** The page reads the header's "as of" date. */
  supportsAsOf?: boolean;
}

export const navItems: NavItem[] = [
  { key: 'workbench', path: '/', label: '工作台', icon: <DashboardOutlined /> },
  {
    key: 'orgs',
    path: '/orgs',
    label: '组织架构',
    icon: <ApartmentOutlined />,
    permission: 'org:read',
    supportsAsOf: true,
  },
  {
    key: 'employers',
    path: '/employers',
    label: '非公企业数据库',
    icon: <ShopOutlined />,
    permission: 'employer:read',
  },
  {
    key: 'indicators',
    path: '/indicators',
    label: '组织建设指标',
    icon: <BarChartOutlined />,
    permission: 'indicator:read',
    supportsAsOf: true,
  },
  {
    key: 'campaigns',
    path: '/campaigns',
    label: '组建活动',
    icon: <FlagOutlined />,
    permission: 'indicator:read',
    supportsAsOf: true,
  },
  {
    key: 'agreements',
    path: '/agreements',
    label: '集体合同',
    icon: <FileProtectOutlined />,
    permission: 'agreement:read',
  },
  {
    key: 'members',
    path: '/members',
    label: '会员实名制',
    icon: <IdcardOutlined />,
    permission: 'member:read',
  },
  { key: 'users', path: '/users', label: '用户管理', icon: <TeamOutlined />, permission: 'user:read' },
  { key: 'audit', path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit:read' },
];

export function navItemForPath(pathname: string): NavItem | undefined {
  if (pathname === '/' || pathname === '') return navItems[0];
  return navItems.find(
    (item) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)),
  );
}
