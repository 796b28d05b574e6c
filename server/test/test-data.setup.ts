import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import {
  createPostgresDatabase,
  databaseUrlOf,
  dropPostgresDatabase,
  prepare,
  SNAPSHOTS_ENV,
  type TestSnapshots,
} from './database.ts';

/**
 * Vitest global setup: builds the test datasets once per run (the migrated schema, then the demo city on
 * top of it), so that each test file clones one instead of loading the demo again. Both the server and the
 * browser project name this file; the second finds the datasets already built by the first.
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env[SNAPSHOTS_ENV]) return;
  const started = Date.now();
  const adminUrl = process.env.DATABASE_URL;
  const { snapshots, remove } = adminUrl ? await buildTemplates(adminUrl) : await buildDumps();
  process.env[SNAPSHOTS_ENV] = JSON.stringify(snapshots);
  console.log(`测试数据已建好（${((Date.now() - started) / 1000).toFixed(1)} 秒），每个测试文件复制一份`);
  return async () => {
    delete process.env[SNAPSHOTS_ENV];
    await remove();
  };
}

/**
 * Set by CI, which runs the embedded database's server suite and browser suite one after the other: the
 * folder where the first run leaves its dumps for the second. Both runs seal with the same key
 * (GONGHUI_SECRET_KEY set by CI), and the folder lives only as long as the CI run.
 */
const SHARED_DIR_ENV = 'GONGHUI_TEST_DATA_DIR';

async function buildDumps(): Promise<{ snapshots: TestSnapshots; remove: () => Promise<void> }> {
  const shared = process.env[SHARED_DIR_ENV];
  const dir = shared ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-test-data-'));
  const files = { empty: path.join(dir, 'empty.tar'), demo: path.join(dir, 'demo.tar') };
  const snapshots: TestSnapshots = { kind: 'embedded', files };
  if (shared) {
    const kept = async () => {};
    if (fs.existsSync(files.demo)) return { snapshots, remove: kept };
    fs.mkdirSync(shared, { recursive: true });
    await writeDumps(files);
    return { snapshots, remove: kept };
  }
  await writeDumps(files);
  return { snapshots, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function writeDumps(files: Record<'empty' | 'demo', string>) {
  const handle = await openDatabase({ snapshot: await smallWalDataDir() });
  try {
    await prepare(handle, 'empty');
    await dumpTo(handle, files.empty);
    await loadDemo(handle.db);
    await dumpTo(handle, files.demo);
  } finally {
    await handle.close();
  }
}

/**
 * A new data folder whose server deletes spent write-ahead log segments rather than keeping them for reuse
 * (PostgreSQL keeps up to min_wal_size, 80 MB, of them by default). Loading the demo city writes about ten
 * 16 MB segments; kept, they were two thirds of the demo dump, and every test file copies the dump. The
 * settings are read at start, so the folder is dumped and started again.
 */
async function smallWalDataDir(): Promise<Blob> {
  const seed = await openDatabase({});
  try {
    // ALTER SYSTEM writes postgresql.auto.conf in the folder; it cannot run inside a transaction.
    await sql`alter system set wal_recycle = off`.execute(seed.db);
    await sql`alter system set min_wal_size = '32MB'`.execute(seed.db);
    return await seed.dumpDataDir!();
  } finally {
    await seed.close();
  }
}

/** A checkpoint first, so that a clone starts without replaying the write-ahead log. */
async function dumpTo(handle: DatabaseHandle, file: string) {
  await sql`checkpoint`.execute(handle.db);
  // Written whole, then renamed: a run that finds the file finds all of it.
  fs.writeFileSync(`${file}.part`, Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer()));
  fs.renameSync(`${file}.part`, file);
}

async function buildTemplates(
  adminUrl: string,
): Promise<{ snapshots: TestSnapshots; remove: () => Promise<void> }> {
  const run = crypto.randomBytes(4).toString('hex');
  const templates = { empty: `gonghui_template_${run}_empty`, demo: `gonghui_template_${run}_demo` };
  const build = async (name: string, template: string | null, dataset: 'empty' | 'demo') => {
    await createPostgresDatabase(adminUrl, name, template);
    const handle = await openDatabase({ databaseUrl: databaseUrlOf(adminUrl, name), poolSize: 5 });
    try {
      // The demo template starts as a copy of the migrated one.
      if (dataset === 'empty') await prepare(handle, 'empty');
      else await loadDemo(handle.db);
    } finally {
      await handle.close();
    }
  };
  await build(templates.empty, null, 'empty');
  await build(templates.demo, templates.empty, 'demo');
  return {
    snapshots: { kind: 'postgres', templates },
    remove: async () => {
      await dropPostgresDatabase(adminUrl, templates.demo);
      await dropPostgresDatabase(adminUrl, templates.empty);
    },
  };
}
