import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/auth/actor.ts';
import { AppError } from '../src/platform/http/errors.ts';
import { changeRecord } from '../src/platform/writes/record-change.ts';
import { employerService } from '../src/modules/employers/registry/employer.service.ts';
import { memberService } from '../src/modules/members/registry/member.service.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { createTestDatabase } from './database.ts';
import { buildEmployer, buildMember, buildTown, type BuiltUnit } from './factories.ts';

let handle: DatabaseHandle;
let town: { city: BuiltUnit; town: BuiltUnit; villages: BuiltUnit[] };

beforeAll(async () => {
  handle = await createTestDatabase();
  town = await buildTown(handle.db);
});
afterAll(() => handle.close());

const auditOf = (entityType: string, entityId: number) =>
  handle.db
    .selectFrom('audit_log')
    .select(['action', 'scope_path as scopePath', 'before', 'after'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();

describe('one write: lock, check, change, history, tallies, audit', () => {
  it('audits an employer change with before and after, in the scope of its locality', async () => {
    const e = await buildEmployer(handle.db, { orgUnitId: town.villages[0].id });
    const actor = systemActor(town.town.id, 'test');
    await employerService.update(handle.db, actor, e.id, { employees: 321 });
    const [created, updated] = await auditOf('employer', e.id);
    expect(created).toMatchObject({ action: 'employer.create', scopePath: town.villages[0].path });
    expect(updated).toMatchObject({
      action: 'employer.update',
      scopePath: town.villages[0].path,
      before: expect.objectContaining({ employees: 30 }),
      after: expect.objectContaining({ employees: 321 }),
    });
  });

  it('refuses a record outside the caller’s scope as not found, and a refused change leaves nothing', async () => {
    const e = await buildEmployer(handle.db, { orgUnitId: town.villages[0].id });
    const neighbour = systemActor(town.villages[1].id, 'test');
    await expect(employerService.update(handle.db, neighbour, e.id, { employees: 5 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const actor = systemActor(town.town.id, 'test');
    await expect(
      employerService.update(handle.db, actor, e.id, { employees: 7, registeredOn: '2999-01-01' }),
    ).rejects.toBeInstanceOf(AppError);
    expect((await employerService.get(handle.db, actor, e.id)).employees).toBe(30);
    expect((await auditOf('employer', e.id)).map((a) => a.action)).toEqual(['employer.create']);
  });

  it('rolls the change back when a step after it fails', async () => {
    const e = await buildEmployer(handle.db, { orgUnitId: town.villages[0].id });
    const actor = systemActor(town.town.id, 'test');
    const failing = {
      entityType: 'employer' as const,
      label: '单位',
      lock: async () => ({ id: e.id }),
      reload: async () => {
        throw new Error('读取失败');
      },
      present: (row: { id: number }) => row,
      scopePath: () => town.villages[0].path,
    };
    await expect(
      changeRecord(handle.db, actor, failing, e.id, 'employer.update', async (trx) => {
        await trx.updateTable('employer').set({ employees: 999 }).where('id', '=', e.id).execute();
      }),
    ).rejects.toThrow('读取失败');
    expect((await employerService.get(handle.db, actor, e.id)).employees).toBe(30);
  });

  it('keeps a member’s audit masked and rebuilds the counts when the status changes', async () => {
    const e = await buildEmployer(handle.db, { orgUnitId: town.villages[0].id });
    const m = await buildMember(handle.db, { orgUnitId: town.villages[0].id, employerId: e.id });
    const actor = systemActor(town.town.id, 'test');
    await memberService.changeStatus(handle.db, actor, m.id, {
      status: 'retired',
      date: '2020-01-01',
      note: '到龄退休',
    });
    const entries = await auditOf('member', m.id);
    expect(entries.map((a) => a.action)).toEqual(['member.enrol', 'member.status']);
    expect(JSON.stringify(entries)).not.toContain('13912345678');
    expect((await memberService.get(handle.db, actor, m.id)).status).toBe('retired');
  });

  it('serialises two changes of one employer: founding its union twice at once founds one union', async () => {
    const e = await buildEmployer(handle.db, { orgUnitId: town.villages[0].id, employees: 80 });
    const actor = systemActor(town.town.id, 'test');
    const found = () =>
      employerService.setUnion(handle.db, actor, e.id, { status: 'own', date: '2015-06-01' });
    const results = await Promise.allSettled([found(), found()]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(0);
    const unions = await handle.db
      .selectFrom('org_unit_version')
      .select('org_unit_id')
      .where('name', '=', `${e.name}工会委员会`)
      .execute();
    expect(unions).toHaveLength(1);
  });
});
