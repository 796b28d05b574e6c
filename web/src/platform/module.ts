import { lazy, type ComponentType } from 'react';
import type { Permission } from '@gonghui/contracts';
import type { MenuGroupKey } from './menuGroups.ts';

/** One page of a module at an address below the app's layout. */
export interface ModuleRoute {
  /** Relative to the app's root, e.g. `employers/:id`; '' is the home page. */
  path: string;
  page: ComponentType;
  /** The page's title when it names none itself (a detail page shows its record's name). */
  title: string;
  /** Only users with this permission see the page; others get 无权访问. */
  permission?: Permission;
}

/** One entry of the side menu; it is shown to whoever may open the page at its path. */
export interface MenuEntry {
  key: string;
  /** The address it opens; the entry is highlighted on this address and every one below it. */
  path: string;
  label: string;
  icon: ComponentType;
  /** The page reads the header's "as of" date. */
  supportsAsOf?: boolean;
}

/** What a module gives the web app: its pages, its menu entries, and the icons of its workbench figures. */
export interface WebModule {
  name: string;
  routes: ModuleRoute[];
  menu: MenuEntry[];
  /** The submenu its entries stand in; without one they stand at the menu's top level. */
  menuGroup?: MenuGroupKey;
  /** By the key of each figure the server module counts for the workbench. */
  counterIcons?: Record<string, ComponentType>;
  /**
   * The page of each kind of its records (the audit log's `entityType`), so that another module's
   * cross-reference to one of them opens it.
   */
  recordPaths?: Record<string, (id: number) => string>;
}

/** A page loaded when first opened, from a module exporting it under `name`. */
export function lazyPage<M extends Record<string, unknown>>(
  load: () => Promise<M>,
  name: keyof M & string,
): ComponentType {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
}
