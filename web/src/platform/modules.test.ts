import { describe, expect, test } from 'vitest';
import { permissions } from '@gonghui/contracts';
import {
  navGroupOf,
  navItemForPath,
  navItems,
  navTree,
  permissionFor,
  routeTitleForPath,
} from '../layout/navigation.ts';
import { webModules } from './modules.ts';

describe('the web modules', () => {
  const routes = webModules.flatMap((m) => m.routes);

  test('every menu entry opens a module page, and no two pages share an address', () => {
    for (const item of navItems) expect(routeTitleForPath(item.path), item.key).toBe(item.label);
    const paths = routes.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(new Set(navItems.map((i) => i.key)).size).toBe(navItems.length);
    for (const route of routes) {
      if (route.permission) expect(permissions).toContain(route.permission);
    }
  });

  test('the menu follows the permission of the page it opens', () => {
    expect(permissionFor(navItems.find((i) => i.key === 'workbench')!)).toBeUndefined();
    expect(permissionFor(navItems.find((i) => i.key === 'employers')!)).toBe('employer:read');
    expect(permissionFor(navItems.find((i) => i.key === 'audit')!)).toBe('audit:read');
  });

  test('pages below a menu entry keep it highlighted and carry their own title', () => {
    expect(navItemForPath('/members/transfers')?.key).toBe('members');
    expect(routeTitleForPath('/members/transfers')).toBe('会员关系接转');
    expect(routeTitleForPath('/employers/12')).toBe('单位详情');
    expect(routeTitleForPath('/employers/import')).toBe('批量导入');
    expect(navItemForPath('/')?.key).toBe('workbench');
    expect(navItemForPath('/nowhere')).toBeUndefined();
    expect(routeTitleForPath('/nowhere')).toBeUndefined();
  });

  test('the side menu groups its entries by the submenu each module names', () => {
    const top = navTree.flatMap((n) => ('item' in n ? [n.item.key] : []));
    expect(top).toEqual(['workbench']);
    const groups = navTree.flatMap((n) => ('group' in n ? [n.group] : []));
    expect(groups.map((g) => g.label)).toEqual([
      '组织',
      '企业与建会',
      '集体合同',
      '会员',
      '帮扶中心',
      '就业援助',
      '劳模',
      '系统管理',
    ]);
    // Every entry stands once, in the group its module names.
    expect(navTree.flatMap((n) => ('item' in n ? [n.item] : n.group.items))).toHaveLength(navItems.length);
    for (const m of webModules)
      for (const item of m.menu) expect(navGroupOf(item), item.key).toBe(m.menuGroup);
    expect(navGroupOf(navItemForPath('/assistance/handlers/3'))).toBe('assistance');
    expect(navGroupOf(navItemForPath('/members/transfers'))).toBe('member');
    expect(navGroupOf(navItemForPath('/audit'))).toBe('system');
    expect(navGroupOf(navItemForPath('/'))).toBeUndefined();
  });
});
