import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { OrgUnit } from '@gonghui/contracts';
import { settingRepository } from '../src/platform/settings.repository.ts';
import { buildTestApp, login, unitIdByCode, type Client, type TestApp } from './app.ts';

let t: TestApp;
let changshu: Client;

beforeAll(async () => {
  t = await buildTestApp();
  changshu = await login(t.app, 'changshu');
});
afterAll(() => t.close());

describe('transactions under concurrency', () => {
  it('never runs one request inside another’s transaction: a rollback takes only its own writes', async () => {
    const { db } = t.handle;
    const failing = db.transaction().execute(async (trx) => {
      await settingRepository.set(trx, 'test.rolled_back', 1);
      await new Promise((r) => setTimeout(r, 30));
      throw new Error('boom');
    });
    const committing = (async () => {
      await new Promise((r) => setTimeout(r, 5));
      await db.transaction().execute((trx) => settingRepository.set(trx, 'test.committed', 1));
    })();
    await expect(failing).rejects.toThrow('boom');
    await committing;
    expect(await settingRepository.get(db, 'test.rolled_back')).toBeUndefined();
    expect(await settingRepository.get(db, 'test.committed')).toBe(1);
  });

  it('keeps the tree consistent when many writes arrive at once', async () => {
    const dongbang = await unitIdByCode(t.handle, '320581107');
    const villages = (await changshu.get(`/api/orgs/${dongbang}/children`)).json() as OrgUnit[];
    const creates = Array.from({ length: 12 }, (_, i) =>
      changshu.post('/api/orgs', {
        parentId: dongbang,
        name: `并发测试工会${i}`,
        kind: 'joint_union',
        level: 'village',
        jointType: 'industry',
        validFrom: '2020-01-01',
      }),
    );
    const renames = villages
      .slice(0, 6)
      .map((v, i) =>
        changshu.post(`/api/orgs/${v.id}/rename`, { name: `${v.name}（${i}）`, date: '2021-01-01' }),
      );
    const results = await Promise.all([...creates, ...renames]);
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from (
        select org_unit_id from org_unit_version where valid_to is null group by org_unit_id having count(*) > 1
      ) x`.execute(t.handle.db);
    expect(rows[0].n).toBe(0);
    const after = (await changshu.get(`/api/orgs/${dongbang}`)).json() as OrgUnit;
    expect(after.childCount).toBe(villages.length + 12);
  });
});
