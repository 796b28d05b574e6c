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
 * restore batch, and the round trip takes a fraction of the time.
 */
async function trimDemo(db: Kysely<Database>) {
  const keep = 2500;
  await sql`delete from member_history where member_id > (select min(id) from member) + ${keep}`.execute(db);
  await sql`delete from member where id > (select min(id) from member) + ${keep}`.execute(db);
  await sql`delete from employer_tally where ctid not in (select ctid from employer_tally limit ${keep})`.execute(
    db,
  );
}

/** Every row of every table, in key order, as text: compared whole, which takes seconds, not minutes. */
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
    const before = await dump(source.handle.db);
    const after = await dump(target.db);
    // Equal text means equal rows; only when they differ are they compared as values, for a readable diff.
    if (after !== before) expect(JSON.parse(after)).toEqual(JSON.parse(before));
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
    const before = await dump(source.handle.db);
    await expect(restore(source.handle.db, file)).rejects.toThrow('恢复只能写入空数据库');
    expect(await dump(source.handle.db)).toBe(before);
  });
});
