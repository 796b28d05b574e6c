import type { Kysely } from 'kysely';
import {
  modelWorkerStatusLabels,
  type CreateVisitCycleBody,
  type ListVisitCyclesQuery,
  type ListVisitsQuery,
  type Page,
  type RecordVisitBody,
  type Visit,
  type VisitCycle,
  type VisitFigures,
  type VisitFiguresQuery,
  type VisitFilter,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { narrowScope, scopeOf } from '../../../platform/scope.ts';
import { modelWorkerDb, type Db as ModuleDb } from '../model-workers.definitions.ts';
import { visitRepository as repo, type CycleRow } from './visit.repository.ts';

type Db = Kysely<Database>;
const CYCLE = '劳模慰问活动';

function present(r: CycleRow): VisitCycle {
  return {
    id: r.id,
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    title: r.title,
    occasion: r.occasion,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    gift: r.gift,
    amountFen: r.amountFen,
    draw: r.draw,
    recipients: r.recipients ?? 0,
    done: r.done ?? 0,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

async function visible(db: ModuleDb, actor: Actor, id: number) {
  const row = await repo.find(db, id, await scopeOf(db as unknown as Db, actor));
  if (!row) throw notFound(CYCLE);
  return row;
}

/** Visit cycles: a recipient list drawn from the registry, a gift or an amount, who visited and when. */
export const visitService = {
  async list(db: Db, actor: Actor, q: ListVisitCyclesQuery): Promise<Page<VisitCycle>> {
    const page = await repo.list(modelWorkerDb(db), await scopeUnderUnit(db, actor, q.orgUnitId), q, q);
    return { ...page, items: page.items.map(present) };
  },

  async get(db: Db, actor: Actor, id: number): Promise<VisitCycle> {
    return present(await visible(modelWorkerDb(db), actor, id));
  },

  async create(db: Db, actor: Actor, body: CreateVisitCycleBody): Promise<VisitCycle> {
    if (body.endsOn < body.startsOn)
      throw invalid([{ field: 'endsOn', message: '结束日期不能早于开始日期' }]);
    if (!body.gift && !body.amountFen) throw invalid([{ field: 'gift', message: '请填写慰问品或慰问金' }]);
    return db.transaction().execute(async (trx) => {
      const mdb = modelWorkerDb(trx);
      const scope = await scopeOf(trx, actor);
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit || unit.closedOn)
        throw invalid([{ field: 'orgUnitId', message: '慰问单位不存在、已撤销或不在您的管辖范围内' }]);
      const id = await repo.insert(mdb, {
        org_unit_id: unit.id,
        title: body.title,
        occasion: body.occasion,
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        gift: body.gift ?? null,
        amount_fen: body.amountFen ?? null,
        draw: JSON.stringify(body.draw),
        created_by: actor.userId > 0 ? actor.userId : null,
      });
      await repo.draw(mdb, id, narrowScope(scope, unit.path), body.draw);
      const after = present((await repo.find(mdb, id, scope))!);
      await audit(trx, actor, {
        action: 'visit_cycle.create',
        entityType: 'visit_cycle',
        entityId: id,
        scopePath: unit.path,
        after,
      });
      return after;
    });
  },

  async visits(db: Db, actor: Actor, id: number, q: ListVisitsQuery): Promise<Page<Visit>> {
    const mdb = modelWorkerDb(db);
    await visible(mdb, actor, id);
    return repo.visitsPage(mdb, id, q, q);
  },

  async allVisits(db: Db, actor: Actor, id: number, f: VisitFilter): Promise<Visit[]> {
    const mdb = modelWorkerDb(db);
    await visible(mdb, actor, id);
    return repo.allVisits(mdb, id, f);
  },

  /** Records whether a recipient was visited, by whom and when (within the cycle, never in the future). */
  async record(db: Db, actor: Actor, id: number, workerId: number, body: RecordVisitBody): Promise<Visit> {
    return db.transaction().execute(async (trx) => {
      const mdb = modelWorkerDb(trx);
      const cycle = await repo.lock(mdb, id, await scopeOf(trx, actor));
      if (!cycle) throw notFound(CYCLE);
      const before = await repo.visit(mdb, id, workerId);
      if (!before) throw notFound('慰问对象');
      const visitedOn = body.done ? (body.visitedOn ?? null) : null;
      if (body.done && !visitedOn) throw invalid([{ field: 'visitedOn', message: '已慰问请填写慰问日期' }]);
      if (body.done && !body.visitedBy)
        throw invalid([{ field: 'visitedBy', message: '已慰问请填写慰问人' }]);
      if (visitedOn && visitedOn > today())
        throw invalid([{ field: 'visitedOn', message: '慰问日期不能晚于今天' }]);
      if (visitedOn && visitedOn < cycle.startsOn)
        throw invalid([{ field: 'visitedOn', message: `慰问日期不能早于活动开始日期 ${cycle.startsOn}` }]);
      await repo.record(mdb, id, workerId, {
        done: body.done,
        visited_by: body.done ? (body.visitedBy ?? null) : null,
        visited_on: visitedOn,
        note: body.note ?? null,
      });
      const after = (await repo.visit(mdb, id, workerId))!;
      await audit(trx, actor, {
        action: 'visit_cycle.record_visit',
        entityType: 'visit_cycle',
        entityId: id,
        scopePath: cycle.orgUnitPath,
        before: { visit: before },
        after: { visit: after },
      });
      return after;
    });
  },

  /** "Visited N retired model workers": a count of distinct workers visited in the period's cycles. */
  async figures(db: Db, actor: Actor, q: VisitFiguresQuery): Promise<VisitFigures> {
    const f = await repo.figures(modelWorkerDb(db), await scopeUnderUnit(db, actor, q.orgUnitId), q);
    const who = q.status ? `${modelWorkerStatusLabels[q.status]}劳动模范` : '劳动模范';
    return {
      ...f,
      sentence: `${f.cycles} 次慰问活动共走访慰问${who} ${f.visited} 人，尚有 ${f.pending} 人待慰问`,
    };
  },
};
