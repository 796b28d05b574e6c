import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/schema.ts';
import { backup, restore } from '../src/db/backup.ts';
import { backupCatalog } from '../src/db/backup-catalog.ts';
import { buildTestApp, login, type TestApp } from './app.ts';
import { createTestDatabase } from './database.ts';
import type { DatabaseHandle } from '../src/db/database.ts';

let source: TestApp;
let target: DatabaseHandle;

beforeAll(async () => {
  source = await buildTestApp();
  await trimDemo(source.handle.db);
  target = await createTestDatabase();
});
afterAll(async () => {
  await source.close();
  await target.close();
});

/**
 * The demo city, with its three largest tables (41,521 members, their history, 42,886 tallies) cut to a
 * few thousand rows: every table still holds rows, the larger ones more than one backup page and one
 * restore batch, and the round trip takes a fraction of the time. Only members no other table points at are
 * removed, so the key checks, which cost more than the deletes themselves, are switched off while they go.
 */
async function trimDemo(db: Kysely<Database>) {
  const keep = 2500;
  // Every column that points at a member, read from the catalog, so a table added later is kept too.
  const links = await sql<{ tbl: string; col: string }>`
    select c.conrelid::regclass::text as tbl, a.attname as col
    from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'member'::regclass and c.conrelid <> 'member_history'::regclass`.execute(
    db,
  );
  const pointedAt = sql.join(
    links.rows.map(
      (l) => sql`select ${sql.ref(l.col)} from ${sql.table(l.tbl)} where ${sql.ref(l.col)} is not null`,
    ),
    sql` union `,
  );
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`
      create temporary table trimmed on commit drop as
      select id from member
      where id > (select min(id) from member) + ${keep} and id not in (${pointedAt})`.execute(trx);
    await sql`delete from member_history where member_id in (select id from trimmed)`.execute(trx);
    await sql`delete from member where id in (select id from trimmed)`.execute(trx);
    await sql`delete from employer_tally where ctid not in (select ctid from employer_tally limit ${keep})`.execute(
      trx,
    );
  });
}

/** A digest of every row of every table, in key order, made by the database: the rows never leave it. */
async function fingerprint(db: Kysely<Database>) {
  const out: Record<string, string> = {};
  for (const t of await backupCatalog(db)) {
    const order = t.key.length > 0 ? t.key.map((c) => sql.ref(`x.${c}`)) : [sql.ref('x.ctid')];
    const { rows } = await sql<{ digest: string }>`
      select count(*) || ':' || md5(coalesce(string_agg(x::text, '|' order by ${sql.join(order)}), '')) as digest
      from ${sql.table(t.name)} x`.execute(db);
    out[t.name] = rows[0].digest;
  }
  return out;
}

/** Every row of every table, in key order, as text: for a readable difference when the digests differ. */
async function dump(db: Kysely<Database>) {
  const out: Record<string, unknown[]> = {};
  for (const t of await backupCatalog(db)) {
    const order = t.key.length > 0 ? t.key : ['ctid'];
    out[t.name] = (
      await sql`select * from ${sql.table(t.name)} order by ${sql.join(order.map((c) => sql.ref(c)))}`.execute(
        db,
      )
    ).rows;
  }
  return JSON.stringify(out);
}

describe('backup and restore', () => {
  it('gives back the same rows in an empty database, and new rows continue the ids', async () => {
    const admin = await login(source.app, 'admin');
    await admin.post(`/api/orgs/${admin.orgUnitId}/rename`, {
      name: '苏州市总工会（测试）',
      date: '2020-01-01',
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-backup-')), 'all.backup.gz');
    const written = await backup(source.handle.db, file);
    const units = await sql<{ n: number }>`select count(*)::int as n from org_unit`.execute(source.handle.db);
    expect(written.org_unit).toBe(units.rows[0].n);
    const restored = await restore(target.db, file);
    expect(restored).toEqual(written);
    for (const table of ['member', 'member_history', 'employer_tally', 'collective_agreement'])
      expect(written[table]).toBeGreaterThan(1000);
    // Equal digests mean equal rows; only when they differ are the rows read and compared, for a readable
    // difference.
    if (JSON.stringify(await fingerprint(target.db)) !== JSON.stringify(await fingerprint(source.handle.db)))
      expect(JSON.parse(await dump(target.db))).toEqual(JSON.parse(await dump(source.handle.db)));
    const next = await target.db
      .insertInto('setting')
      .values({ key: 'after-restore', value: '1' })
      .returning('key')
      .executeTakeFirstOrThrow();
    expect(next.key).toBe('after-restore');
    const { id } = await target.db
      .insertInto('audit_log')
      .values({ action: 'test', entity_type: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const last = await sql<{ id: number }>`select max(id) as id from audit_log`.execute(source.handle.db);
    expect(last.rows[0].id).toBeGreaterThan(0);
    expect(id).toBeGreaterThan(last.rows[0].id);
  }, 240_000);

  it('refuses to restore into a database that has data, and leaves it as it was', async () => {
    // A valid backup of a database with one row; the target is the demo city, which has data.
    const small = await createTestDatabase('empty');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-backup-')), 'x.backup.gz');
    try {
      await small.db.insertInto('setting').values({ key: 'small', value: '1' }).execute();
      await backup(small.db, file);
    } finally {
      await small.close();
    }
    const before = await fingerprint(source.handle.db);
    await expect(restore(source.handle.db, file)).rejects.toThrow('恢复只能写入空数据库');
    expect(await fingerprint(source.handle.db)).toEqual(before);
  });
});
