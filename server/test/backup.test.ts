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
  target = await createTestDatabase();
});
afterAll(async () => {
  await source.close();
  await target.close();
});

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
  return out;
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
    expect(await dump(target.db)).toEqual(await dump(source.handle.db));
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
    expect(id).toBeGreaterThan(
      Math.max(...((await dump(source.handle.db)).audit_log as Array<{ id: number }>).map((r) => r.id)),
    );
  }, 240_000);

  it('refuses to restore into a database that has data', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-backup-')), 'x.backup.gz');
    await backup(source.handle.db, file);
    await expect(restore(source.handle.db, file)).rejects.toThrow('恢复只能写入空数据库');
  });
});
