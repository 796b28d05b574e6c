import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { loadDemo } from '../src/demo/load-demo.ts';

/** What a test file starts from: an empty migrated database, or one with the demo city loaded. */
export type TestDataset = 'empty' | 'demo';

/**
 * The datasets built once per test run by `test-data.setup.ts`: PGlite data folders dumped to tar files,
 * or PostgreSQL template databases. Handed to the test processes through this environment variable.
 */
export type TestSnapshots =
  | { kind: 'embedded'; files: Record<TestDataset, string> }
  | { kind: 'postgres'; templates: Record<TestDataset, string> };

export const SNAPSHOTS_ENV = 'GONGHUI_TEST_SNAPSHOTS';

function snapshotsOfRun(): TestSnapshots | null {
  const given = process.env[SNAPSHOTS_ENV];
  return given ? (JSON.parse(given) as TestSnapshots) : null;
}

/**
 * A fresh database for one test file: in-memory PGlite, or, when DATABASE_URL is set (CI runs the suite
 * both ways), a new PostgreSQL database created beside the one named and dropped afterwards. Inside a
 * test run it is a copy of the dataset built once for the run; elsewhere (benchmarks) it is migrated here,
 * and the demo loaded when asked for.
 */
export async function createTestDatabase(dataset: TestDataset = 'empty'): Promise<DatabaseHandle> {
  const snapshots = snapshotsOfRun();
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    if (snapshots?.kind === 'embedded') {
      const tar = fs.readFileSync(snapshots.files[dataset]);
      return openDatabase({ snapshot: new Blob([tar]) });
    }
    const handle = await openDatabase({});
    await prepare(handle, dataset);
    return handle;
  }
  const name = `gonghui_test_${crypto.randomBytes(6).toString('hex')}`;
  const template = snapshots?.kind === 'postgres' ? snapshots.templates[dataset] : null;
  await createPostgresDatabase(adminUrl, name, template);
  const handle = await openDatabase({ databaseUrl: databaseUrlOf(adminUrl, name), poolSize: 5 });
  if (!template) await prepare(handle, dataset);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await dropPostgresDatabase(adminUrl, name);
    },
  };
}

/** Migrates the database and, for the demo dataset, loads the demo city into it. */
export async function prepare(handle: DatabaseHandle, dataset: TestDataset): Promise<void> {
  await migrateToLatest(handle.db);
  if (dataset === 'demo') await loadDemo(handle.db);
}

export function databaseUrlOf(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Creates a database, as a copy of a template when one is given. Copies of one template made at the same
 * moment by parallel test files can meet PostgreSQL's "source database is being accessed" check, so the
 * copy is tried again a few times.
 */
export async function createPostgresDatabase(adminUrl: string, name: string, template: string | null) {
  await withAdmin(adminUrl, async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
        return;
      } catch (err) {
        const busy = (err as { code?: string }).code === '55006';
        if (!busy || attempt >= 20) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
      }
    }
  });
}

export async function dropPostgresDatabase(adminUrl: string, name: string) {
  await withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
}

export const onPostgres = () => !!process.env.DATABASE_URL;
