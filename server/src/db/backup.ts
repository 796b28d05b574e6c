import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Tables in the order they are restored (parents first) and their JSON columns. */
const TABLES: Array<{ name: keyof Database; key: string; json: string[] }> = [
  { name: 'org_unit', key: 'id', json: [] },
  { name: 'org_unit_version', key: 'id', json: [] },
  { name: 'app_user', key: 'id', json: [] },
  { name: 'user_session', key: 'id', json: [] },
  { name: 'audit_log', key: 'id', json: ['before', 'after'] },
  { name: 'job', key: 'id', json: ['payload', 'result'] },
  { name: 'setting', key: 'key', json: ['value'] },
];
const FORMAT = 'gonghui-backup';
const BATCH = 1000;

interface Header {
  format: string;
  version: number;
  createdAt: string;
}

async function* backupLines(db: Transaction<Database>): AsyncGenerator<string> {
  const header: Header = { format: FORMAT, version: 1, createdAt: new Date().toISOString() };
  yield `${JSON.stringify(header)}\n`;
  for (const t of TABLES) {
    let offset = 0;
    for (;;) {
      const { rows } = await sql<Record<string, unknown>>`
        select * from ${sql.table(t.name)} order by ${sql.ref(t.key)} limit ${BATCH} offset ${offset}`.execute(
        db,
      );
      for (const row of rows) yield `${JSON.stringify({ t: t.name, r: row })}\n`;
      if (rows.length < BATCH) break;
      offset += BATCH;
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

/** Loads a backup into an empty, migrated database, then moves each identity past the restored ids. */
export async function restore(db: Kysely<Database>, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  await db.transaction().execute(async (trx) => {
    for (const t of TABLES) {
      const any = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)}`.execute(trx);
      if (any.rows[0].n > 0)
        throw new Error(`目标数据库不是空的（表 ${t.name} 已有数据），恢复只能写入空数据库`);
    }
    let first = true;
    let batch: { table: string; rows: Record<string, unknown>[] } | null = null;
    const successors: Array<[number, number]> = [];
    const flush = async () => {
      if (!batch || batch.rows.length === 0) return;
      const spec = TABLES.find((x) => x.name === batch!.table)!;
      const rows = batch.rows.map((r) => {
        const out: Record<string, unknown> = { ...r };
        for (const c of spec.json)
          if (out[c] !== null && out[c] !== undefined) out[c] = JSON.stringify(out[c]);
        if (spec.name === 'org_unit' && out.successor_id) {
          successors.push([out.id as number, out.successor_id as number]);
          out.successor_id = null;
        }
        return out;
      });
      await trx
        .insertInto(spec.name)
        .values(rows as never)
        .execute();
      counts[spec.name] = (counts[spec.name] ?? 0) + rows.length;
      batch = null;
    };
    for await (const line of lines) {
      if (!line) continue;
      const parsed = JSON.parse(line) as Header | { t: string; r: Record<string, unknown> };
      if (first) {
        first = false;
        if (!('format' in parsed) || parsed.format !== FORMAT) throw new Error('这不是 Gonghui 的备份文件');
        continue;
      }
      if (!('t' in parsed) || !TABLES.some((x) => x.name === parsed.t)) throw new Error('备份文件内容有误');
      if (batch && (batch.table !== parsed.t || batch.rows.length >= 500)) await flush();
      batch ??= { table: parsed.t, rows: [] };
      batch.rows.push(parsed.r);
    }
    await flush();
    for (const [id, successor] of successors) {
      await trx.updateTable('org_unit').set({ successor_id: successor }).where('id', '=', id).execute();
    }
    for (const t of TABLES) {
      if (t.key !== 'id' || t.name === 'user_session') continue;
      await sql`select setval(pg_get_serial_sequence(${t.name}, 'id'), coalesce((select max(id) from ${sql.table(t.name)}), 0) + 1, false)`.execute(
        trx,
      );
    }
  });
  return counts;
}
