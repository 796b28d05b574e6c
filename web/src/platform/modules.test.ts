import { describe, expect, test } from 'vitest';
import { permissions } from '@gonghui/contracts';
import { navItemForPath, navItems, permissionFor, routeTitleForPath } from '../layout/navigation.ts';
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
});
