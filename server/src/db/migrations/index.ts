import type { Migration, MigrationProvider } from 'kysely';
import { modules } from '../../modules/index.ts';
import * as m0001 from './0001_platform.ts';
import * as m20261201T1500 from './20261201T1500_attachments_and_links.ts';
import * as m20261201T1620 from './20261201T1620_export_files.ts';

/**
 * The platform's migrations and every module's, run in the order of their names (Kysely sorts them):
 * the first ones are numbered, later ones named by timestamp so modules built side by side never collide.
 * Listed in code, so they run the same from source and from any bundle.
 */
export function allMigrations(): Record<string, Migration> {
  const all: Record<string, Migration> = {
    '0001_platform': m0001,
    '20261201T1500_attachments_and_links': m20261201T1500,
    '20261201T1620_export_files': m20261201T1620,
  };
  for (const m of modules) {
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (all[name]) throw new Error(`两个模块使用了同一个迁移名称：${name}`);
      all[name] = migration;
    }
  }
  return all;
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => allMigrations(),
};
