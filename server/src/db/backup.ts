import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql, type RawBuilder, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { backupCatalog, type TableSpec } from './backup-catalog.ts';

const FORMAT = 'gonghui-backup';
const BATCH = 1000;

interface Header {
  format: string;
  version: number;
  createdAt: string;
}

type Row = Record<string, unknown>;

async function* backupLines(trx: Transaction<Database>): AsyncGenerator<string> {
  const header: Header = { format: FORMAT, version: 1, createdAt: new Date().toISOString() };
  yield `${JSON.stringify(header)}\n`;
  for (const t of await backupCatalog(trx)) {
    const order = t.key.length > 0 ? t.key : ['ctid'];
    const keyList = sql.join(order.map((c) => sql.ref(c)));
    // Paged on the primary key (each page starts after the last key read), so a page costs the same
    // however far into a large table it lies; a table without a key is paged by offset.
    let after: unknown[] | null = null;
    for (let offset = 0; ; offset += BATCH) {
      const from: RawBuilder<unknown> = t.key.length === 0 ? sql`offset ${offset}` : sql``;
      const past: RawBuilder<unknown> =
        after === null ? sql`` : sql`where (${keyList}) > (${sql.join(after.map((v) => sql`${v}`))})`;
      const { rows }: { rows: Row[] } = await sql<Row>`
        select * from ${sql.table(t.name)} ${past}
        order by ${keyList}
        limit ${BATCH} ${from}`.execute(trx);
      if (t.key.length > 0 && rows.length > 0) after = t.key.map((c): unknown => rows[rows.length - 1][c]);
      for (const row of rows) {
        for (const c of t.bytes)
          if (row[c] instanceof Uint8Array) row[c] = { $base64: Buffer.from(row[c]).toString('base64') };
        yield `${JSON.stringify({ t: t.name, r: row })}\n`;
      }
      if (rows.length < BATCH) break;
    }
  }
}

/** Writes every row of every table to a gzip'd JSON-lines file. The encryption key is never in it. */
export async function backup(db: Kysely<Database>, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const counted = async function* (trx: Transaction<Database>) {
    for await (const line of backupLines(trx)) {
      const t = /^\{"t":"(\w+)"/.exec(line)?.[1];
      if (t) counts[t] = (counts[t] ?? 0) + 1;
      yield line;
    }
  };
  // One snapshot for all tables, so a backup taken while the server writes is still consistent.
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => pipeline(Readable.from(counted(trx)), zlib.createGzip(), fs.createWriteStream(file)));
  return counts;
}

function toInsertable(spec: TableSpec, row: Row, later: Array<{ key: Row; set: Row }>): Row {
  const out: Row = { ...row };
  for (const c of spec.json) if (out[c] !== null && out[c] !== undefined) out[c] = JSON.stringify(out[c]);
  for (const c of spec.bytes) {
    const v = out[c] as { $base64?: string } | null;
    if (v && typeof v.$base64 === 'string') out[c] = Buffer.from(v.$base64, 'base64');
  }
  const deferred = spec.selfRefs.filter((c) => out[c] !== null && out[c] !== undefined);
  if (deferred.length > 0) {
    later.push({
      key: Object.fromEntries(spec.key.map((k) => [k, out[k]])),
      set: Object.fromEntries(deferred.map((c) => [c, out[c]])),
    });
    for (const c of deferred) out[c] = null;
  }
  return out;
}

/**
 * Configuration tables a migration fills with defaults (the campaigns' event types and outputs), children
 * first: a newly migrated database holds these rows, and a restore replaces them with the backup's.
 */
const MIGRATION_DEFAULTS = ['campaign_event_type_output', 'campaign_event_type', 'campaign_output'];

/** Loads a backup into an empty, migrated database, then moves each identity past the restored ids. */
export async function restore(db: Kysely<Database>, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    const catalog = await backupCatalog(trx);
    const specs = new Map(catalog.map((t) => [t.name, t]));
    for (const t of catalog) {
      if (MIGRATION_DEFAULTS.includes(t.name)) continue;
      const any = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)}`.execute(trx);
      if (any.rows[0].n > 0)
        throw new Error(`目标数据库不是空的（表 ${t.name} 已有数据），恢复只能写入空数据库`);
    }
    // The backup holds these tables' rows as they were (defaults and any changes): they replace the defaults.
    for (const table of MIGRATION_DEFAULTS) await sql`delete from ${sql.table(table)}`.execute(trx);
    const later: Array<{ table: string; key: Row; set: Row }> = [];
    let batch: { spec: TableSpec; rows: Row[] } | null = null;
    const flush = async () => {
      if (!batch || batch.rows.length === 0) return;
      const spec = batch.spec;
      const pending: Array<{ key: Row; set: Row }> = [];
      const rows = batch.rows.map((r) => toInsertable(spec, r, pending));
      await trx
        .insertInto(spec.name as keyof Database)
        .values(rows as never)
        .execute();
      later.push(...pending.map((p) => ({ table: spec.name, ...p })));
      counts[spec.name] = (counts[spec.name] ?? 0) + rows.length;
      batch = null;
    };
    let first = true;
    // Opened only now: readline drops lines emitted before iteration starts.
    const lines = readline.createInterface({
      input: fs.createReadStream(file).pipe(zlib.createGunzip()),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      if (!line) continue;
      const parsed = JSON.parse(line) as Header | { t: string; r: Row };
      if (first) {
        first = false;
        if (!('format' in parsed) || parsed.format !== FORMAT) throw new Error('这不是 Gonghui 的备份文件');
        continue;
      }
      const spec = 't' in parsed ? specs.get(parsed.t) : undefined;
      if (!spec || !('r' in parsed)) throw new Error('备份文件内容有误，或来自更新的版本');
      if (batch && (batch.spec !== spec || batch.rows.length >= 500)) await flush();
      batch ??= { spec, rows: [] };
      batch.rows.push(parsed.r);
    }
    if (first) throw new Error('这不是 Gonghui 的备份文件');
    await flush();
    for (const { table, key, set } of later) {
      await sql`update ${sql.table(table)} set ${sql.join(Object.entries(set).map(([c, v]) => sql`${sql.ref(c)} = ${v}`))}
        where ${sql.join(
          Object.entries(key).map(([c, v]) => sql`${sql.ref(c)} = ${v}`),
          sql` and `,
        )}`.execute(trx);
    }
    for (const t of catalog) {
      for (const c of t.identity) {
        await sql`select setval(pg_get_serial_sequence(${t.name}, ${c}),
          coalesce((select max(${sql.ref(c)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(trx);
      }
    }
  });
  return counts;
}
