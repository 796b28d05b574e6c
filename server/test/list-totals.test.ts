import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.ts';
import { employerService } from '../src/modules/employers/registry/employer.service.ts';
import { memberService } from '../src/modules/members/registry/member.service.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { coversWholeTree, scopeOf } from '../src/platform/scope.ts';
import { today } from '../src/platform/orgs/dates.ts';
import { buildEmployer, buildMember, buildOrgUnit, buildTown } from './factories.ts';
import { createTestDatabase } from './database.ts';

// A list whose scope holds the whole tree counts its rows without the scope's joins: its totals must stay
// exactly those of the scoped count, closed firms and members who left included as the list shows them.
let h: DatabaseHandle;
let tree: Awaited<ReturnType<typeof buildTown>>;

const employerTotal = async (unitId: number, q?: string) =>
  (
    await employerService.list(h.db, systemActor(unitId, 'test'), {
      q,
      page: 1,
      pageSize: 2,
      sort: 'name',
      order: 'asc',
      includeClosed: false,
    })
  ).total;

const memberTotal = async (unitId: number, q?: string) =>
  (
    await memberService.list(h.db, systemActor(unitId, 'test'), {
      q,
      page: 1,
      pageSize: 2,
      sort: 'id',
      order: 'asc',
    })
  ).total;

beforeAll(async () => {
  h = await createTestDatabase('empty');
  tree = await buildTown(h.db);
  const [v1, v2] = tree.villages;
  for (const unit of [v1, v1, v2])
    await buildEmployer(h.db, { orgUnitId: unit.id, name: '华盛纺织有限公司' });
  const closed = await buildEmployer(h.db, { orgUnitId: v2.id, name: '华盛印染有限公司' });
  await employerService.close(h.db, systemActor(v2.id, 'test'), closed.id, { date: today(), note: null });
  await buildEmployer(h.db, { orgUnitId: tree.town.id, name: '常熟机械厂' });
  for (const unit of [v1, v2, v2, tree.town]) await buildMember(h.db, { orgUnitId: unit.id });
});
afterAll(() => h.close());

describe('a list over the whole tree', () => {
  it('knows the scope of the one root holds every unit, and no narrower scope does', async () => {
    const city = await scopeOf(h.db, { orgUnitId: tree.city.id });
    const town = await scopeOf(h.db, { orgUnitId: tree.town.id });
    expect(await coversWholeTree(h.db, city)).toBe(true);
    expect(await coversWholeTree(h.db, town)).toBe(false);
  });

  it('counts the same employers and members from the city as the town sees of its own', async () => {
    expect(await employerTotal(tree.city.id)).toBe(4);
    expect(await employerTotal(tree.town.id)).toBe(4);
    expect(await employerTotal(tree.city.id, '华盛')).toBe(3);
    expect(await employerTotal(tree.villages[0].id, '华盛')).toBe(2);
    expect(await memberTotal(tree.city.id)).toBe(4);
    expect(await memberTotal(tree.town.id)).toBe(4);
    expect(await memberTotal(tree.villages[1].id)).toBe(2);
  });

  it('no longer holds every unit once a second tree stands beside it', async () => {
    const other = await buildOrgUnit(h.db);
    await buildEmployer(h.db, { orgUnitId: (await buildOrgUnit(h.db, { parent: other, level: 'town' })).id });
    const city = await scopeOf(h.db, { orgUnitId: tree.city.id });
    expect(await coversWholeTree(h.db, city)).toBe(false);
    expect(await employerTotal(tree.city.id)).toBe(4);
  });
});
