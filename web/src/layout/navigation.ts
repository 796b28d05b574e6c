import { matchPath } from 'react-router';
import { webModules } from '../platform/modules.ts';
import type { Permission } from '@gonghui/contracts';
import type { MenuEntry } from '../platform/module.ts';
import { menuGroups, type MenuGroupKey } from '../platform/menuGroups.ts';

export type NavItem = MenuEntry;

/** The side menu: every module's entries, in the modules' order. */
export const navItems: readonly NavItem[] = webModules.flatMap((m) => m.menu);

/** A submenu: the entries of every module naming the group, in the modules' order. */
export interface NavGroup {
  key: MenuGroupKey;
  label: string;
  icon: (typeof menuGroups)[MenuGroupKey]['icon'];
  items: NavItem[];
}

export type NavNode = { item: NavItem } | { group: NavGroup };

/** The side menu as it stands: a group takes the place of the first module naming it. */
export const navTree: readonly NavNode[] = (() => {
  const nodes: NavNode[] = [];
  const groups = new Map<MenuGroupKey, NavGroup>();
  for (const m of webModules) {
    if (!m.menuGroup) {
      nodes.push(...m.menu.map((item) => ({ item })));
      continue;
    }
    let group = groups.get(m.menuGroup);
    if (!group) {
      group = { key: m.menuGroup, ...menuGroups[m.menuGroup], items: [] };
      groups.set(m.menuGroup, group);
      nodes.push({ group });
    }
    group.items.push(...m.menu);
  }
  return nodes;
})();

/** The group holding a menu entry, if it stands in one. */
export function navGroupOf(item: NavItem | undefined): MenuGroupKey | undefined {
  if (!item) return undefined;
  for (const node of navTree) if ('group' in node && node.group.items.includes(item)) return node.group.key;
  return undefined;
}

export function navItemForPath(pathname: string): NavItem | undefined {
  if (pathname === '/' || pathname === '') return navItems.find((item) => item.path === '/');
  return navItems.find(
    (item) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)),
  );
}

const routes = webModules.flatMap((m) => m.routes);

function routeAt(pathname: string) {
  return routes.find((route) => matchPath({ path: `/${route.path}`, end: true }, pathname));
}

/** The title of the module page at `pathname`, if a module has a page there. */
export function routeTitleForPath(pathname: string): string | undefined {
  return routeAt(pathname)?.title;
}

/** The permission a menu entry's page asks for: the page's route declares it, the menu follows. */
export function permissionFor(item: NavItem): Permission | undefined {
  return routeAt(item.path)?.permission;
}
