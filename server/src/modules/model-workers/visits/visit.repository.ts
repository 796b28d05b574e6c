import { sql, type Insertable } from 'kysely';
import type { VisitCycleFilter, VisitDraw, VisitFilter } from '@gonghui/contracts';
import { containing } from '../../../db/like.ts';
import { listPage, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import { latestVersion, platformDb, type Db, type VisitCycleTable } from '../model-workers.definitions.ts';

function scopedCycles(db: Db, scope: Scope) {
  return db
    .selectFrom('visit_cycle as c')
    .innerJoin('org_unit as u', 'u.id', 'c.org_unit_id')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'c.org_unit_id').on(latestVersion),
    )
    .where(inScope('v.path', scope))
    .select((eb) => [
      'c.id',
      'c.org_unit_id as orgUnitId',
      'v.name as orgUnitName',
      'v.path as orgUnitPath',
      'c.title',
      'c.occasion',
      'c.starts_on as startsOn',
      'c.ends_on as endsOn',
      'c.gift',
      'c.amount_fen as amountFen',
      'c.draw',
      'c.created_at as createdAt',
      eb
        .selectFrom('model_worker_visit as mv')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('mv.cycle_id', '=', 'c.id')
        .as('recipients'),
      eb
        .selectFrom('model_worker_visit as mv')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('mv.cycle_id', '=', 'c.id')
        .where('mv.done', '=', true)
        .as('done'),
    ]);
}

export type CycleRow = Awaited<ReturnType<ReturnType<typeof scopedCycles>['executeTakeFirstOrThrow']>>;

function cycleFilter(f: VisitCycleFilter) {
  return (q: ReturnType<typeof scopedCycles>) =>
    q
      .$if(!!f.from, (b) => b.where('c.ends_on', '>=', f.from!))
      .$if(!!f.to, (b) => b.where('c.starts_on', '<=', f.to!))
      .$if(!!f.q, (b) => b.where('c.title', 'like', containing(f.q!)));
}

function visits(db: Db, cycleId: number, f: VisitFilter) {
  return db
    .selectFrom('model_worker_visit as mv')
    .innerJoin('model_worker as w', 'w.id', 'mv.worker_id')
    .innerJoin('org_unit as u', 'u.id', 'w.org_unit_id')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'w.org_unit_id').on(latestVersion),
    )
    .where('mv.cycle_id', '=', cycleId)
    .$if(f.done !== undefined, (b) => b.where('mv.done', '=', f.done!))
    .$if(!!f.q, (b) => b.where('w.name', 'like', containing(f.q!)))
    .select([
      'mv.worker_id as workerId',
      'w.name',
      'v.name as orgUnitName',
      'w.level',
      'w.status',
      'w.hardship',
      'mv.done',
      'mv.visited_by as visitedBy',
      'mv.visited_on as visitedOn',
      'mv.note',
    ]);
}

export const visitRepository = {
  async find(db: Db, id: number, scope: Scope) {
    return scopedCycles(db, scope).where('c.id', '=', id).executeTakeFirst();
  },

  async lock(db: Db, id: number, scope: Scope) {
    return scopedCycles(db, scope).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
  },

  async list(db: Db, scope: Scope, f: VisitCycleFilter, page: PageRequest) {
    return listPage(platformDb(db), {
      rows: cycleFilter(f)(scopedCycles(db, scope)),
      orderBy: [
        ['c.starts_on', 'desc'],
        ['c.id', 'desc'],
      ],
      page,
      total: 'exact',
    });
  },

  async insert(db: Db, values: Insertable<VisitCycleTable>) {
    const { id } = await db
      .insertInto('visit_cycle')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /** Draws a cycle's recipients: the living model workers of the subtree that the draw names. */
  async draw(db: Db, cycleId: number, subtree: Scope, d: VisitDraw) {
    await sql`
      insert into model_worker_visit (cycle_id, worker_id)
      select ${cycleId}::int, w.id
      from model_worker w
      join org_unit u on u.id = w.org_unit_id
      join org_unit_version v on v.org_unit_id = w.org_unit_id and (v.valid_to is null or v.valid_to = u.closed_on)
      where w.status <> 'deceased' and ${inScope('v.path', subtree)}
        and (${d.status ?? null}::text is null or w.status = ${d.status ?? null})
        and (${d.level ?? null}::text is null or w.level = ${d.level ?? null})
        and (${d.hardshipOnly ? true : false}::boolean = false or w.hardship)`.execute(db);
  },

  async visitsPage(db: Db, cycleId: number, f: VisitFilter, page: PageRequest) {
    return listPage(platformDb(db), {
      rows: visits(db, cycleId, f),
      orderBy: [
        ['v.path', 'asc'],
        ['mv.worker_id', 'asc'],
      ],
      page,
      total: 'exact',
    });
  },

  async allVisits(db: Db, cycleId: number, f: VisitFilter) {
    return visits(db, cycleId, f).orderBy('v.path').orderBy('mv.worker_id').execute();
  },

  async visit(db: Db, cycleId: number, workerId: number) {
    return visits(db, cycleId, {}).where('mv.worker_id', '=', workerId).executeTakeFirst();
  },

  async record(
    db: Db,
    cycleId: number,
    workerId: number,
    v: { done: boolean; visited_by: string | null; visited_on: string | null; note: string | null },
  ) {
    await db
      .updateTable('model_worker_visit')
      .set(v)
      .where('cycle_id', '=', cycleId)
      .where('worker_id', '=', workerId)
      .execute();
  },

  /** Distinct workers visited, and recipients not yet visited, in the scope's cycles of a period. */
  async figures(db: Db, scope: Scope, q: { from?: string; to?: string; status?: string }) {
    const r = await sql<{ visited: number; pending: number; cycles: number }>`
      select count(distinct mv.worker_id) filter (where mv.done)::int as visited,
        count(*) filter (where not mv.done)::int as pending,
        count(distinct c.id)::int as cycles
      from visit_cycle c
      join org_unit u on u.id = c.org_unit_id
      join org_unit_version v on v.org_unit_id = c.org_unit_id and (v.valid_to is null or v.valid_to = u.closed_on)
      join model_worker_visit mv on mv.cycle_id = c.id
      join model_worker w on w.id = mv.worker_id
      where ${inScope('v.path', scope)}
        and (${q.from ?? null}::date is null or c.ends_on >= ${q.from ?? null}::date)
        and (${q.to ?? null}::date is null or c.starts_on <= ${q.to ?? null}::date)
        and (${q.status ?? null}::text is null or w.status = ${q.status ?? null})`.execute(db);
    return r.rows[0];
  },
};
