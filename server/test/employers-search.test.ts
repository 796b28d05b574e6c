import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/database.ts';
import { containing } from '../src/db/like.ts';
import { employerService } from '../src/modules/employers/registry/employer.service.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { buildEmployer, buildOrgUnit, type BuiltUnit } from './factories.ts';
import { createTestDatabase } from './database.ts';

// Names that try the grams index: repeated characters, a query at either end, one character, characters
// outside the Basic Multilingual Plane, LIKE's own wildcards, Latin letters in both cases.
const NAMES = [
  '华盛纺织有限公司',
  '盛华纺织有限公司',
  '苏州华盛华盛科技有限公司',
  '华 盛机械厂',
  '华盛',
  '盛',
  '华',
  '𠀋𠀌实业有限公司',
  '百分之%百_有限公司',
  '反斜杠\\有限公司',
  'ABC精工有限公司',
  'abc精工有限公司',
  '常熟华盛达服装有限公司',
  '盛盛盛有限公司',
];
const QUERIES = [
  '华盛',
  '盛华',
  '华',
  '盛',
  '盛盛',
  '盛盛盛',
  '华盛华',
  '华 盛',
  '𠀋',
  '𠀋𠀌',
  '𠀌实',
  '%',
  '_',
  '%百_',
  '\\',
  'C精',
  'c精',
  '有限公司',
  '纺织有限',
  '不存在的名字',
];

let h: DatabaseHandle;
let town: BuiltUnit;
beforeAll(async () => {
  h = await createTestDatabase();
  const city = await buildOrgUnit(h.db);
  const county = await buildOrgUnit(h.db, { parent: city });
  town = await buildOrgUnit(h.db, { parent: county });
  for (const name of NAMES) await buildEmployer(h.db, { orgUnitId: town.id, name });
});
afterAll(() => h.close());

async function found(q: string): Promise<string[]> {
  const page = await employerService.list(h.db, systemActor(town.id, 'test'), {
    q,
    page: 1,
    pageSize: 200,
    sort: 'name',
    order: 'asc',
    includeClosed: false,
  });
  return page.items.map((e) => e.name).sort();
}

async function byLike(q: string): Promise<string[]> {
  const r = await sql<{
    name: string;
  }>`select name from employer where name like ${containing(q)} and closed_on is null`.execute(h.db);
  return r.rows.map((x) => x.name).sort();
}

describe('employer name search', () => {
  it('finds exactly what a substring LIKE finds, for every query', async () => {
    for (const q of QUERIES) {
      expect({ q, names: await found(q) }).toEqual({ q, names: await byLike(q) });
    }
    expect(await found('华盛')).toEqual(
      ['华盛', '华盛纺织有限公司', '常熟华盛达服装有限公司', '苏州华盛华盛科技有限公司'].sort(),
    );
  });

  it('keeps the search current when a firm is renamed', async () => {
    const e = await buildEmployer(h.db, { orgUnitId: town.id, name: '旧名字有限公司' });
    expect(await found('旧名')).toEqual(['旧名字有限公司']);
    await employerService.update(h.db, systemActor(town.id, 'test'), e.id, { name: '新名称有限公司' });
    expect(await found('旧名')).toEqual([]);
    expect(await found('新名')).toEqual(['新名称有限公司']);
  });

  it('keeps each name’s characters and pairs, and a query’s pairs (or its one character)', async () => {
    const grams = await sql<{ g: string[]; q: string[]; one: string[] }>`
      select text_grams('华盛华') as g, search_grams('华盛华') as q, search_grams('华') as one`.execute(h.db);
    expect([...grams.rows[0].g].sort()).toEqual(['华', '华盛', '盛', '盛华'].sort());
    expect([...grams.rows[0].q].sort()).toEqual(['华盛', '盛华'].sort());
    expect(grams.rows[0].one).toEqual(['华']);
  });
});
