import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_platform.ts';

/** Migrations are listed here in order, so they run the same from source and from any bundle. */
const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
