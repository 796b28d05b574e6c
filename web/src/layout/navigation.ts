import { matchPath } from 'react-router';
import { webModules } from '../platform/modules.ts';
import type { Permission } from '@gonghui/contracts';
import type { MenuEntry } from '../platform/module.ts';

export type NavItem = MenuEntry;

/** The side menu: every module's entries, in the modules' order. */
export const navItems: readonly NavItem[] = webModules.flatMap((m) => m.menu);

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
