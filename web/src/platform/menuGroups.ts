import type { ComponentType } from 'react';
import {
  ApartmentOutlined,
  CustomerServiceOutlined,
  FileProtectOutlined,
  FlagOutlined,
  IdcardOutlined,
  ReadOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  TrophyOutlined,
} from '@ant-design/icons';

/** The side menu's submenus; a module names the one its entries stand in. */
export const menuGroups = {
  org: { label: '组织', icon: ApartmentOutlined },
  formation: { label: '企业与建会', icon: ShopOutlined },
  agreement: { label: '集体合同', icon: FileProtectOutlined },
  member: { label: '会员', icon: IdcardOutlined },
  assistance: { label: '帮扶中心', icon: CustomerServiceOutlined },
  employment: { label: '就业援助', icon: SolutionOutlined },
  'model-worker': { label: '劳模', icon: TrophyOutlined },
  campaign: { label: '主题活动', icon: FlagOutlined },
  lecture: { label: '菜单式选学', icon: ReadOutlined },
  system: { label: '系统管理', icon: SettingOutlined },
} as const satisfies Record<string, { label: string; icon: ComponentType }>;

export type MenuGroupKey = keyof typeof menuGroups;
