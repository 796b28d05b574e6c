import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorExplanation, IndicatorLeftOut } from '@gonghui/contracts';
import { factDescriptions, SCOPE_MIN_EMPLOYEES } from '../src/modules/indicators/indicator.definitions.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, buildEmployer, TEST_PASSWORD } from './factories.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let districtA: Client;
let districtB: Client;
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Town A2 registers five employers: two a 建会率 counts (non-public, ≥ 25 employees), one too small, one
 * state-owned and one closed today.
 */
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  districtA = await login(t.app, world.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, world.users.districtB.username, TEST_PASSWORD);
  const at = world.aVillages[0].id;
  await buildEmployer(t.handle.db, { orgUnitId: at, employees: 30 });
  await buildEmployer(t.handle.db, { orgUnitId: at, employees: 300, unitCategory: '300' });
  await buildEmployer(t.handle.db, { orgUnitId: at, employees: 10 });
  await buildEmployer(t.handle.db, { orgUnitId: at, employees: 200, unitCategory: '110' });
  const closing = await buildEmployer(t.handle.db, { orgUnitId: at, employees: 40 });
  const closed = await districtA.post(`/api/employers/${closing.id}/close`, { date: today });
  expect(closed.statusCode, closed.body).toBe(200);
});
afterAll(() => t.close());

describe('indicators explain themselves', () => {
  it('give each indicator its numerator, denominator and scope rule in words, from the definitions', async () => {
    const res = await districtA.get('/api/indicators/definitions');
    expect(res.statusCode).toBe(200);
    const formation = (res.json() as IndicatorExplanation[]).find((d) => d.indicator === 'union_formation')!;
    expect(formation.denominator).toBe(factDescriptions.in_scope);
    expect(formation.numerator).toBe(factDescriptions.unionised);
    expect(formation.scope).toContain(`职工 ${SCOPE_MIN_EMPLOYEES} 人及以上`);
    expect(formation.scope).toContain('非公有制');
  });

  it("lists exactly the employers a denominator counts, and how many of the area's it leaves out, by reason", async () => {
    const unit = world.a2.id;
    const counted = await districtA.get(
      `/api/indicators/employers?unitId=${unit}&indicator=union_formation&part=denominator&asOf=${today}`,
    );
    expect(counted.json().total).toBe(2);
    const res = await districtA.get(
      `/api/indicators/left-out?unitId=${unit}&indicator=union_formation&asOf=${today}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const left = res.json() as IndicatorLeftOut;
    expect(left.areaEmployers).toBe(5);
    expect(left.counted).toBe(2);
    expect(Object.fromEntries(left.groups.map((g) => [g.reason, g.count]))).toEqual({
      small: 1,
      public: 1,
      closed: 1,
    });
    expect(left.groups.find((g) => g.reason === 'small')!.label).toBe(`职工不足 ${SCOPE_MIN_EMPLOYEES} 人`);
    // 工资集体协商建制率 counts unionised employers only: the two in scope have no union yet.
    const wage = (
      await districtA.get(`/api/indicators/left-out?unitId=${unit}&indicator=wage_bargaining&asOf=${today}`)
    ).json() as IndicatorLeftOut;
    expect(wage.counted).toBe(0);
    expect(wage.groups.find((g) => g.reason === 'no_union')!.count).toBe(2);
  });

  it("answers another district's unit and bad input like a missing one, changing nothing", async () => {
    const theirs = await districtB.get(
      `/api/indicators/left-out?unitId=${world.a2.id}&indicator=union_formation`,
    );
    expect(theirs.statusCode).toBe(404);
    const bad = await districtA.get(`/api/indicators/left-out?unitId=${world.a2.id}&indicator=nonsense`);
    expect(bad.statusCode).toBe(400);
    const date = await districtA.get(
      `/api/indicators/left-out?unitId=${world.a2.id}&indicator=union_formation&asOf=2011-02-30`,
    );
    expect(date.statusCode).toBe(400);
  });
});
