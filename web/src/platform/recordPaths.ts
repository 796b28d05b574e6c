import { webModules } from './modules.ts';

const paths = new Map<string, (id: number) => string>();
for (const m of webModules)
  for (const [type, path] of Object.entries(m.recordPaths ?? {})) paths.set(type, path);

/** The page of a record of any module, or null when no module shows that kind of record on a page. */
export function recordPathOf(type: string, id: number): string | null {
  const path = paths.get(type);
  return path ? path(id) : null;
}
