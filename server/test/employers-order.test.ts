import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Employer, Page } from '@gonghui/contracts';
import * as nameSortMigration from '../src/modules/employers/migrations/20261202T0100_employer_name_sort.ts';
import { nameSortKey } from '../src/modules/employers/registry/name-sort.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildEmployer, buildTown, buildUser, TEST_PASSWORD } from './factories.ts';

let t: TestApp;
let town: Client;
let ids: Record<string, number>;

/** A town's register of four firms whose names' pinyin orders differ from their code-point order. */
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  const world = await buildTown(t.handle.db);
  const user = await buildUser(t.handle.db, { unit: world.town });
  town = await login(t.app, user.username, TEST_PASSWORD);
  ids = {};
  for (const name of ['中华纺织有限公司', '阿里精工有限公司', '北京路五金有限公司', '白云服饰有限公司']) {
    ids[name] = (await buildEmployer(t.handle.db, { orgUnitId: world.villages[0].id, name })).id;
  }
});
afterAll(() => t.close());

const names = async (query = '') =>
  ((await town.get(`/api/employers?pageSize=50${query}`)).json() as Page<Employer>).items.map((e) => e.name);

describe('the employer register sorts by pinyin', () => {
  it('lists names by their pinyin by default, either way', async () => {
    expect(await names()).toEqual([
      '阿里精工有限公司',
      '白云服饰有限公司',
      '北京路五金有限公司',
      '中华纺织有限公司',
    ]);
    expect(await names('&sort=name&order=desc')).toEqual([
      '中华纺织有限公司',
      '北京路五金有限公司',
      '白云服饰有限公司',
      '阿里精工有限公司',
    ]);
  });

  it('keeps the key current when a firm is renamed', async () => {
    const res = await town.patch(`/api/employers/${ids['中华纺织有限公司']}`, { name: '艾家纺织有限公司' });
    expect(res.statusCode, res.body).toBe(200);
    // 阿 reads a, 艾 reads ai.
    expect((await names()).slice(0, 2)).toEqual(['阿里精工有限公司', '艾家纺织有限公司']);
  });

  it('fills the key of the firms already registered when the migration runs', async () => {
    const db = t.handle.db as unknown as Kysely<unknown>;
    await nameSortMigration.down(db);
    await nameSortMigration.up(db);
    const rows = await t.handle.db.selectFrom('employer').select(['name', 'name_sort']).execute();
    for (const r of rows) expect(r.name_sort).toBe(nameSortKey(r.name));
    expect((await names()).slice(0, 2)).toEqual(['阿里精工有限公司', '艾家纺织有限公司']);
  });

  it('reads syllable by syllable, a shorter reading first', () => {
    expect(nameSortKey('东方') < nameSortKey('东方红')).toBe(true);
    expect(nameSortKey('董浜') > nameSortKey('东方')).toBe(true);
  });
});
