import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';
import { PGlitePool } from './pglite-pool.ts';

export type DatabaseKind = 'embedded' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** The embedded database's whole data folder as one tar file (a test snapshot); PGlite only. */
  dumpDataDir?: () => Promise<Blob>;
}

// DATE stays an ISO string (no time-zone shifts); int8 becomes a number (our counts and ids fit).
const PG_DATE = 1082;
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
pg.types.setTypeParser(PG_DATE, (v) => v);
pg.types.setTypeParser(PG_INT8, (v) => Number(v));

export interface OpenOptions {
  databaseUrl?: string | null;
  /** Folder for the embedded database; omitted means in memory. */
  dataDir?: string | null;
  poolSize?: number;
  /** An embedded database to start from: a data folder dumped by `dumpDataDir` (tests clone one per file). */
  snapshot?: Blob | null;
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection the server drops (restart, failover) must not take the process down; the pool
    // opens a new one on the next query.
    pool.on('error', (err) => console.error(`PostgreSQL 连接中断：${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let dataPath: string | undefined;
  if (options.dataDir) {
    dataPath = path.join(options.dataDir, 'pgdata');
    fs.mkdirSync(dataPath, { recursive: true });
  }
  const pglite = new PGlite({
    ...(dataPath ? { dataDir: dataPath } : {}),
    ...(options.snapshot ? { loadDataDir: options.snapshot } : {}),
  });
  await pglite.waitReady;
  const parsers = {
    [pgliteTypes.DATE]: (v: string) => v,
    [PG_INT8]: (v: string) => Number(v),
    [PG_NUMERIC]: (v: string) => v,
  };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new PGlitePool(pglite, parsers) }),
  });
  return {
    db,
    kind: 'embedded',
    close: () => db.destroy(),
    dumpDataDir: () => pglite.dumpDataDir('none'),
  };
}

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Modules are built side by side, each naming its migrations by timestamp: a database that already ran a
  // later-named migration of one module still runs an earlier-named one of another that landed after it.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
