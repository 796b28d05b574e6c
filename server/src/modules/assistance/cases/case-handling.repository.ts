import type { Insertable } from 'kysely';
import type { Scope } from '../../../platform/scope.ts';
import { withAssistance, type AppDb, type CaseEventTable } from './case.definitions.ts';
import { latestUnit, scopedCases } from './case.repository.ts';

/**
 * A case's handling: the units of its handling chain, its timeline, the pauses of its clock and the
 * history of its handlers.
 */
export const caseHandlingRepository = {
  /** Puts a unit on the case's handling chain (once). */
  async addToChain(db: AppDb, caseId: number, orgUnitId: number) {
    await withAssistance(db)
      .insertInto('assistance_case_unit')
      .values({ case_id: caseId, org_unit_id: orgUnitId })
      .onConflict((oc) => oc.columns(['case_id', 'org_unit_id']).doNothing())
      .execute();
  },

  /** The units of the handling chain, in the order the case reached them. */
  async chain(db: AppDb, caseId: number) {
    const rows = await withAssistance(db)
      .selectFrom('assistance_case_unit as cu')
      .select(['cu.org_unit_id as orgUnitId', latestUnit('cu.org_unit_id', 'name').as('name')])
      .where('cu.case_id', '=', caseId)
      .execute();
    const order = await withAssistance(db)
      .selectFrom('case_event')
      .select(['org_unit_id', 'id'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    const first = new Map<number, number>();
    for (const e of order) if (!first.has(e.org_unit_id)) first.set(e.org_unit_id, e.id);
    return rows.sort(
      (a, b) =>
        (first.get(a.orgUnitId) ?? Infinity) - (first.get(b.orgUnitId) ?? Infinity) ||
        a.orgUnitId - b.orgUnitId,
    );
  },

  async addEvent(db: AppDb, values: Insertable<CaseEventTable>) {
    await withAssistance(db).insertInto('case_event').values(values).execute();
  },

  async events(db: AppDb, caseId: number) {
    return withAssistance(db)
      .selectFrom('case_event as ev')
      .select([
        'ev.id',
        'ev.kind',
        'ev.at',
        'ev.actor_name as actorName',
        'ev.note',
        latestUnit('ev.org_unit_id', 'name').as('unitName'),
      ])
      .where('ev.case_id', '=', caseId)
      .orderBy('ev.id')
      .execute();
  },

  async pauses(db: AppDb, caseId: number) {
    return withAssistance(db)
      .selectFrom('case_pause')
      .select(['id', 'paused_on as pausedOn', 'resumed_on as resumedOn'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
  },

  async openPause(db: AppDb, caseId: number, on: string) {
    await withAssistance(db).insertInto('case_pause').values({ case_id: caseId, paused_on: on }).execute();
  },

  async closePause(db: AppDb, caseId: number, on: string) {
    await withAssistance(db)
      .updateTable('case_pause')
      .set({ resumed_on: on })
      .where('case_id', '=', caseId)
      .where('resumed_on', 'is', null)
      .execute();
  },

  async assignments(db: AppDb, caseId: number) {
    return withAssistance(db)
      .selectFrom('case_assignment as a')
      .innerJoin('case_handler as h', 'h.id', 'a.handler_id')
      .select([
        'a.handler_id as handlerId',
        'h.name as handlerName',
        'a.assigned_at as from',
        'a.ended_at as to',
      ])
      .where('a.case_id', '=', caseId)
      .orderBy('a.id')
      .execute();
  },

  /** Every assignment of a handler to a case the scope sees, newest first. */
  async assignmentsOfHandler(db: AppDb, scope: Scope, handlerId: number) {
    return scopedCases(db, scope)
      .innerJoin('case_assignment as a', 'a.case_id', 'c.id')
      .select([
        'c.id as caseId',
        'c.number as caseNumber',
        'c.case_type as caseType',
        'c.subject',
        'c.closed_on as closedOn',
        'a.assigned_at as from',
        'a.ended_at as to',
      ])
      .where('a.handler_id', '=', handlerId)
      .orderBy('a.id', 'desc')
      .limit(500)
      .execute();
  },

  /** Ends the case's current assignment, if any, and starts one to `handlerId` (none: unassigned). */
  async assign(db: AppDb, caseId: number, handlerId: number | null, by: number | null) {
    const adb = withAssistance(db);
    await adb
      .updateTable('case_assignment')
      .set({ ended_at: new Date() })
      .where('case_id', '=', caseId)
      .where('ended_at', 'is', null)
      .execute();
    if (handlerId !== null)
      await adb
        .insertInto('case_assignment')
        .values({ case_id: caseId, handler_id: handlerId, assigned_by: by })
        .execute();
    await adb
      .updateTable('assistance_case')
      .set({ handler_id: handlerId, updated_at: new Date() })
      .where('id', '=', caseId)
      .execute();
  },
};
