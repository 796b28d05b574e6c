import type { Kysely, Transaction } from 'kysely';
import type { CreateOrgBody, MergeOrgBody, OrgHistory, OrgSearchHit, OrgUnit } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/audit.ts';
import { AppError, conflict, invalid, notFound } from '../http/errors.ts';
import { Scope, scopeOf } from '../scope.ts';
import { today } from './dates.ts';
import { nameInitials } from './initials.ts';
import { orgRepository as repo, type OrgUnitAt } from './org.repository.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const ORG = '组织';

/** Loads a unit the actor may see at a date, or answers not found. */
async function visibleAt(db: Db | Trx, actor: Actor, id: number, date: string): Promise<OrgUnitAt> {
  const unit = await repo.findAt(db, id, date, await scopeOf(db, actor, date));
  if (!unit) throw notFound(ORG);
  return unit;
}

/** Loads a unit the actor may change today: strictly below their own unit (their own is their parent's to change). */
async function changeableNow(trx: Trx, actor: Actor, id: number, label = ORG): Promise<OrgUnitAt> {
  const unit = await visibleAt(trx, actor, id, today());
  if (unit.id === actor.orgUnitId) {
    throw new AppError('FORBIDDEN', '不能调整本单位自身，请由上级工会办理');
  }
  if (unit.closedOn) throw conflict(`${label}「${unit.name}」已撤销`);
  return unit;
}

function assertDate(date: string, field = 'date') {
  if (date > today()) throw invalid([{ field, message: '日期不能晚于今天' }]);
}

async function assertNotBackdated(trx: Trx, unit: OrgUnitAt, date: string, field = 'date') {
  const latest = await repo.latestChangeIn(trx, unit.path);
  if (latest && date < latest) {
    throw invalid([{ field, message: `日期不能早于「${unit.name}」或其下级最近一次变更的日期 ${latest}` }]);
  }
}

export const orgService = {
  async get(db: Db, actor: Actor, id: number, asOf = today()): Promise<OrgUnit> {
    return visibleAt(db, actor, id, asOf);
  },

  /** The actor's own unit at the date (empty when it did not exist then). */
  async roots(db: Db, actor: Actor, asOf = today()): Promise<OrgUnit[]> {
    const scope = await scopeOf(db, actor, asOf);
    const unit = await repo.findAt(db, actor.orgUnitId, asOf, scope);
    return unit ? [unit] : [];
  },

  async children(db: Db, actor: Actor, id: number, asOf = today()): Promise<OrgUnit[]> {
    await visibleAt(db, actor, id, asOf);
    return repo.childrenAt(db, id, asOf, await scopeOf(db, actor, asOf));
  },

  /** Ancestors from the actor's own unit down to the unit's parent. */
  async ancestors(db: Db, actor: Actor, id: number, asOf = today()): Promise<OrgUnit[]> {
    const unit = await visibleAt(db, actor, id, asOf);
    const ids = unit.path.split('/').filter(Boolean).map(Number).slice(0, -1);
    const found = await repo.findManyAt(db, ids, asOf, await scopeOf(db, actor, asOf));
    return found.sort((a, b) => a.depth - b.depth);
  },

  async tree(db: Db, actor: Actor, asOf = today()) {
    return { asOf, units: await repo.subtreeAt(db, await scopeOf(db, actor, asOf), asOf) };
  },

  async search(db: Db, actor: Actor, q: string, asOf = today(), limit = 30): Promise<OrgSearchHit[]> {
    const scope = await scopeOf(db, actor, asOf);
    const hits = await repo.searchAt(db, q, asOf, scope, limit);
    const ancestorIds = [...new Set(hits.flatMap((h) => h.path.split('/').filter(Boolean).map(Number)))];
    const names = new Map((await repo.findManyAt(db, ancestorIds, asOf, scope)).map((u) => [u.id, u.name]));
    return hits.map((h) => {
      const ids = h.path
        .split('/')
        .filter(Boolean)
        .map(Number)
        .slice(0, -1)
        .filter((i) => names.has(i));
      return { ...h, ancestorIds: ids, ancestorNames: ids.map((i) => names.get(i)!) };
    });
  },

  async history(db: Db, actor: Actor, id: number): Promise<OrgHistory> {
    const unit = await repo.unit(db, id);
    if (!unit || !(await repo.everWithin(db, id, actor.orgUnitId))) throw notFound(ORG);
    const successorName = unit.successor_id ? await repo.nameAt(db, unit.successor_id, today()) : undefined;
    return {
      unit: {
        id: unit.id,
        kind: unit.kind,
        divisionCode: unit.division_code,
        closedOn: unit.closed_on,
        successor: unit.successor_id ? { id: unit.successor_id, name: successorName ?? '' } : null,
        predecessors: await repo.predecessors(db, id),
      },
      versions: await repo.history(db, id),
    };
  },

  async create(db: Db, actor: Actor, body: CreateOrgBody): Promise<OrgUnit> {
    assertDate(body.validFrom, 'validFrom');
    return db.transaction().execute(async (trx) => {
      const parent = await visibleAt(trx, actor, body.parentId, today());
      if (parent.closedOn) throw conflict(`上级组织「${parent.name}」已撤销`);
      if (body.validFrom < parent.validFrom) {
        throw invalid([
          { field: 'validFrom', message: `成立日期不能早于上级组织当前状态的起始日期 ${parent.validFrom}` },
        ]);
      }
      const id = await repo.insertUnit(trx, {
        ...body,
        nameInitials: nameInitials(body.name),
        parent,
      });
      const created = await visibleAt(trx, actor, id, today());
      await audit(trx, actor, {
        action: 'org.create',
        entityType: 'org_unit',
        entityId: id,
        scopePath: created.path,
        after: created,
      });
      return created;
    });
  },

  async rename(db: Db, actor: Actor, id: number, name: string, date: string): Promise<OrgUnit> {
    assertDate(date);
    return db.transaction().execute(async (trx) => {
      const unit = await changeableNow(trx, actor, id);
      if (date < unit.validFrom) {
        throw invalid([{ field: 'date', message: `日期不能早于当前名称的起始日期 ${unit.validFrom}` }]);
      }
      if (name === unit.name) throw invalid([{ field: 'name', message: '新名称与现名称相同' }]);
      await repo.rename(trx, id, name, nameInitials(name), date);
      const after = await visibleAt(trx, actor, id, today());
      await audit(trx, actor, {
        action: 'org.rename',
        entityType: 'org_unit',
        entityId: id,
        scopePath: unit.path,
        before: unit,
        after,
      });
      return after;
    });
  },

  async move(db: Db, actor: Actor, id: number, newParentId: number, date: string): Promise<OrgUnit> {
    assertDate(date);
    return db.transaction().execute(async (trx) => {
      const unit = await changeableNow(trx, actor, id);
      const parent = await visibleAt(trx, actor, newParentId, today());
      if (parent.closedOn) throw conflict(`上级组织「${parent.name}」已撤销`);
      if (parent.path.startsWith(unit.path)) {
        throw invalid([{ field: 'newParentId', message: '不能把组织调整到它自己或其下级之下' }]);
      }
      if (parent.id === unit.parentId)
        throw invalid([{ field: 'newParentId', message: '新的上级与现上级相同' }]);
      await assertNotBackdated(trx, unit, date);
      await repo.reparent(
        trx,
        unit,
        parent,
        date,
        'move',
        `由「${await repo.nameAt(trx, unit.parentId!, date)}」调整至「${parent.name}」`,
      );
      const after = await visibleAt(trx, actor, id, today());
      await audit(trx, actor, {
        action: 'org.move',
        entityType: 'org_unit',
        entityId: id,
        scopePath: after.path,
        before: unit,
        after,
      });
      return after;
    });
  },

  /**
   * Merges units into one at a date: the children of each source continue under the target with their
   * identity kept, users of the sources move to the target, and each source closes naming it as successor.
   */
  async merge(db: Db, actor: Actor, body: MergeOrgBody): Promise<OrgUnit> {
    assertDate(body.date);
    const sourceIds = [...new Set(body.sourceIds)];
    return db.transaction().execute(async (trx) => {
      const sources: OrgUnitAt[] = [];
      for (const sid of sourceIds) {
        const s = await changeableNow(trx, actor, sid, '被合并组织');
        await assertNotBackdated(trx, s, body.date, 'date');
        sources.push(s);
      }
      let target: OrgUnitAt;
      if ('existingId' in body.target) {
        if (sourceIds.includes(body.target.existingId)) {
          throw invalid([{ field: 'target', message: '合并目标不能同时是被合并的组织' }]);
        }
        target = await visibleAt(trx, actor, body.target.existingId, today());
        if (target.closedOn) throw conflict(`合并目标「${target.name}」已撤销`);
      } else {
        const parent = await visibleAt(trx, actor, body.target.parentId, today());
        const first = sources[0];
        const id = await repo.insertUnit(trx, {
          kind: first.kind,
          level: first.level,
          jointType: first.jointType,
          divisionCode: body.target.divisionCode,
          name: body.target.name,
          nameInitials: nameInitials(body.target.name),
          parent,
          validFrom: body.date,
          note: `由${sources.map((s) => `「${s.name}」`).join('、')}合并设立`,
        });
        target = await visibleAt(trx, actor, id, today());
      }
      for (const s of sources) {
        if (target.path.startsWith(s.path)) {
          throw invalid([{ field: 'target', message: `合并目标不能位于被合并组织「${s.name}」之下` }]);
        }
      }
      const note = `随${sources.map((s) => `「${s.name}」`).join('、')}并入「${target.name}」`;
      for (const s of sources) {
        for (const child of await repo.childrenAt(trx, s.id, today(), await scopeOf(trx, actor))) {
          await repo.reparent(trx, child, target, body.date, 'merge', note);
        }
        await repo.close(trx, s.id, body.date, target.id);
      }
      const movedUsers = await repo.moveUsers(trx, sourceIds, target.id);
      const after = await visibleAt(trx, actor, target.id, today());
      await audit(trx, actor, {
        action: 'org.merge',
        entityType: 'org_unit',
        entityId: target.id,
        scopePath: after.path,
        before: { sources },
        after: { target: after, movedUsers, date: body.date },
      });
      return after;
    });
  },

  async close(db: Db, actor: Actor, id: number, date: string, successorId: number | null): Promise<OrgUnit> {
    assertDate(date);
    return db.transaction().execute(async (trx) => {
      const unit = await changeableNow(trx, actor, id);
      if (unit.childCount > 0) {
        throw conflict(`「${unit.name}」还有 ${unit.childCount} 个下级组织，请先调整隶属或合并后再撤销`);
      }
      if (date <= unit.validFrom) {
        throw invalid([{ field: 'date', message: `撤销日期须晚于 ${unit.validFrom}` }]);
      }
      if (successorId !== null) {
        const successor = await visibleAt(trx, actor, successorId, today());
        if (successor.id === id) throw invalid([{ field: 'successorId', message: '承继组织不能是其自身' }]);
        await repo.moveUsers(trx, [id], successor.id);
      } else {
        const users = await repo.countUsers(trx, id);
        if (users > 0)
          throw conflict(`「${unit.name}」下还有 ${users} 个用户账号，请指定承继组织或先调整账号`);
      }
      await repo.close(trx, id, date, successorId);
      // The unit just closed, read back as it stood: the caller was checked to reach it above.
      const after = await repo.findAt(trx, id, unit.validFrom, Scope.everywhere);
      await audit(trx, actor, {
        action: 'org.close',
        entityType: 'org_unit',
        entityId: id,
        scopePath: unit.path,
        before: unit,
        after: { closedOn: date, successorId },
      });
      return after ?? unit;
    });
  },
};
