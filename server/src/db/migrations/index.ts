import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_platform.ts';
import * as m0002 from './0002_employers.ts';
import * as m0003 from './0003_members.ts';
import * as m0004 from './0004_member_exports.ts';
import * as m0005 from './0005_tally_facts.ts';
import * as m0006 from './0006_collective_agreements.ts';
import * as m20261201T1000 from './20261201T1000_member_import_traceable.ts';

/** Migrations are listed here in order, so they run the same from source and from any bundle. */
const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_employers': m0002,
  '0003_members': m0003,
  '0004_member_exports': m0004,
  '0005_tally_facts': m0005,
  '0006_collective_agreements': m0006,
  '20261201T1000_member_import_traceable': m20261201T1000,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
