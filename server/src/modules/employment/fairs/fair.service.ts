import type { Kysely } from 'kysely';
import {
  checkCreditCode,
  type AddFairEmployerBody,
  type CreateFairBody,
  type CreatePositionBody,
  type Fair,
  type FairDetail,
  type FairFilter,
  type FieldIssue,
  type ListFairsQuery,
  type ListPositionsQuery,
  type Page,
  type Position,
  type PositionFilter,
  type UpdateFairBody,
  type UpdatePositionBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { scopeContains, scopeOf, type Scope } from '../../../platform/scope.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { employerRepository } from '../../employers/index.ts';
import { employmentDb, type Db } from '../employment.definitions.ts';
import { fairRepository as repo, type FairRow, type PositionRow } from './fair.repository.ts';
import { presentFair, presentPosition } from './fair.presenter.ts';

type PlatformDb = Kysely<Database>;
const FAIR = '招聘会';
const POSITION = '招聘岗位';

/** A fair changed by a union that organises it (the city's fairs are seen by all, changed by the city). */
function fairRecord(scope: Scope): ChangeableRecord<FairRow, Fair> {
  return {
    entityType: 'job_fair',
    label: FAIR,
    lock: async (trx, id) => (await repo.lockEditable(employmentDb(trx), id, scope)) ?? null,
    reload: async (trx, id) => (await repo.find(employmentDb(trx), id, scope))!,
    present: presentFair,
    scopePath: (r) => r.orgUnitPath,
  };
}

/** A position, changed by whoever may change its fair. */
function positionRecord(scope: Scope): ChangeableRecord<PositionRow, Position> {
  return {
    entityType: 'job_position',
    label: POSITION,
    lock: async (trx, id) => {
      const p = await repo.findPosition(employmentDb(trx), id, scope);
      if (!p || !(await repo.lockEditable(employmentDb(trx), p.fairId, scope))) return null;
      return p;
    },
    reload: async (trx, id) => (await repo.findPosition(employmentDb(trx), id, scope))!,
    present: presentPosition,
    scopePath: (r) => r.fairPath,
  };
}

function payIssues(min: number, max: number): FieldIssue[] {
  return max < min
    ? [{ field: 'payMaxFen', message: `月薪上限不能低于下限 ${(min / 100).toFixed(2)} 元` }]
    : [];
}

async function detail(db: Db, scope: Scope, f: FairRow): Promise<FairDetail> {
  const [employers, positions, outcome] = await Promise.all([
    repo.employers(db, f.id),
    repo.positionsOfFair(db, f.id, scope),
    repo.outcome(db, f.id),
  ]);
  return {
    ...presentFair(f),
    employers,
    positions: positions.map(presentPosition),
    outcome,
    canEdit: scopeContains(scope, f.orgUnitPath),
  };
}

/** The employer an organiser adds to a fair: from the register in their scope, or a firm outside it by its credit code. */
async function participant(db: PlatformDb, scope: Scope, body: AddFairEmployerBody) {
  if (body.employerId) {
    const e = await employerRepository.findAt(db, body.employerId, scope, today());
    if (!e || e.closedOn)
      throw invalid([{ field: 'employerId', message: '参会单位不存在、已注销或不在您的管辖范围内' }]);
    return { employerId: e.id, name: e.name, creditCode: e.creditCode };
  }
  if (!body.creditCode)
    throw invalid([{ field: 'creditCode', message: '请从单位名录选择参会单位，或填写统一社会信用代码' }]);
  const checked = checkCreditCode(body.creditCode);
  if (!checked.ok) throw invalid([{ field: 'creditCode', message: checked.message }]);
  const registered = await employerRepository.byCreditCode(db, checked.code);
  if (registered) {
    const e = await employerRepository.findAt(db, registered.id, scope, today());
    if (!e)
      throw invalid([
        {
          field: 'creditCode',
          message: '该统一社会信用代码的单位在其他工会的区域内登记，请由共同的上级工会邀请参会',
        },
      ]);
    if (e.closedOn) throw invalid([{ field: 'creditCode', message: `「${e.name}」已注销，不能参会` }]);
    return { employerId: e.id, name: e.name, creditCode: e.creditCode };
  }
  if (!body.name) throw invalid([{ field: 'name', message: '该单位不在单位名录中，请填写单位名称' }]);
  return { employerId: null, name: body.name, creditCode: checked.code };
}

export const fairService = {
  async list(db: PlatformDb, actor: Actor, q: ListFairsQuery): Promise<Page<Fair>> {
    const scope = await scopeUnderUnit(db, actor, q.orgUnitId);
    const page = await repo.list(employmentDb(db), scope, !q.orgUnitId, q, q);
    return { ...page, items: page.items.map(presentFair) };
  },

  async all(db: PlatformDb, actor: Actor, f: FairFilter): Promise<Fair[]> {
    const scope = await scopeUnderUnit(db, actor, f.orgUnitId);
    return (await repo.all(employmentDb(db), scope, !f.orgUnitId, f)).map(presentFair);
  },

  async get(db: PlatformDb, actor: Actor, id: number): Promise<FairDetail> {
    const scope = await scopeOf(db, actor);
    const f = await repo.find(employmentDb(db), id, scope);
    if (!f) throw notFound(FAIR);
    return detail(employmentDb(db), scope, f);
  },

  async create(db: PlatformDb, actor: Actor, body: CreateFairBody): Promise<FairDetail> {
    const scope = await scopeOf(db, actor);
    const created = await createRecord(db, actor, fairRecord(scope), 'fair.create', async (trx) => {
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit) throw invalid([{ field: 'orgUnitId', message: '主办单位不存在或不在您的管辖范围内' }]);
      if (unit.closedOn) throw invalid([{ field: 'orgUnitId', message: `主办单位「${unit.name}」已撤销` }]);
      return repo.insertFair(employmentDb(trx), {
        title: body.title,
        category: body.category,
        held_on: body.heldOn,
        venue: body.venue,
        org_unit_id: unit.id,
        note: body.note ?? null,
        created_by: actor.userId > 0 ? actor.userId : null,
      });
    });
    return this.get(db, actor, created.id);
  },

  async update(db: PlatformDb, actor: Actor, id: number, body: UpdateFairBody): Promise<FairDetail> {
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, fairRecord(scope), id, 'fair.update', async (trx) => {
      await repo.updateFair(employmentDb(trx), id, {
        title: body.title,
        category: body.category,
        held_on: body.heldOn,
        venue: body.venue,
        note: body.note,
      });
    });
    return this.get(db, actor, id);
  },

  /** Adds an employer to a fair, from the register or by a checked credit code, once per fair. */
  async addEmployer(
    db: PlatformDb,
    actor: Actor,
    id: number,
    body: AddFairEmployerBody,
  ): Promise<FairDetail> {
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, fairRecord(scope), id, 'fair.add_employer', async (trx) => {
      const edb = employmentDb(trx);
      const p = await participant(trx, scope, body);
      const already = await repo.employerByCode(edb, id, p.creditCode);
      if (already)
        throw invalid([
          {
            field: body.employerId ? 'employerId' : 'creditCode',
            message: `「${already.name}」已参加本场招聘会`,
          },
        ]);
      const booth = body.booth ?? null;
      if (booth) {
        const holder = await repo.boothTaken(edb, id, booth);
        if (holder) throw invalid([{ field: 'booth', message: `展位 ${booth} 已分给「${holder}」` }]);
      }
      const contactName = body.contactName ?? null;
      await repo.insertEmployer(edb, { fair_id: id, ...toColumns(p), booth, contact_name: contactName });
      await repo.touchFair(edb, id);
      return { fairEmployer: { ...p, booth, contactName } };
    });
    return this.get(db, actor, id);
  },

  async createPosition(db: PlatformDb, actor: Actor, body: CreatePositionBody): Promise<Position> {
    const issues = payIssues(body.payMinFen, body.payMaxFen);
    if (issues.length > 0) throw invalid(issues);
    const scope = await scopeOf(db, actor);
    return createRecord(db, actor, positionRecord(scope), 'position.create', async (trx) => {
      const edb = employmentDb(trx);
      const fe = await repo.fairEmployer(edb, body.fairEmployerId);
      if (!fe || !(await repo.lockEditable(edb, fe.fair_id, scope)))
        throw invalid([{ field: 'fairEmployerId', message: '参会单位不存在或其招聘会不由您的单位主办' }]);
      const id = await repo.insertPosition(edb, {
        fair_id: fe.fair_id,
        fair_employer_id: fe.id,
        title: body.title,
        job_category: body.jobCategory,
        openings: body.openings,
        pay_min_fen: body.payMinFen,
        pay_max_fen: body.payMaxFen,
        requirements: body.requirements ?? null,
        skills: body.skills,
        suitability: [...new Set(body.suitability)],
      });
      await repo.touchFair(edb, fe.fair_id);
      return id;
    });
  },

  async updatePosition(
    db: PlatformDb,
    actor: Actor,
    id: number,
    body: UpdatePositionBody,
  ): Promise<Position> {
    const scope = await scopeOf(db, actor);
    return changeRecord(db, actor, positionRecord(scope), id, 'position.update', async (trx, before) => {
      const issues = payIssues(body.payMinFen ?? before.payMinFen, body.payMaxFen ?? before.payMaxFen);
      if (issues.length > 0) throw invalid(issues);
      await repo.updatePosition(employmentDb(trx), id, {
        title: body.title,
        job_category: body.jobCategory,
        openings: body.openings,
        pay_min_fen: body.payMinFen,
        pay_max_fen: body.payMaxFen,
        requirements: body.requirements,
        skills: body.skills,
        suitability: body.suitability ? [...new Set(body.suitability)] : undefined,
      });
    });
  },

  async listPositions(db: PlatformDb, actor: Actor, q: ListPositionsQuery): Promise<Page<Position>> {
    const page = await repo.listPositions(employmentDb(db), await scopeOf(db, actor), q, q);
    return { ...page, items: page.items.map(presentPosition) };
  },

  async allPositions(db: PlatformDb, actor: Actor, f: PositionFilter): Promise<Position[]> {
    return (await repo.allPositions(employmentDb(db), await scopeOf(db, actor), f)).map(presentPosition);
  },
};

function toColumns(p: { employerId: number | null; name: string; creditCode: string }) {
  return { employer_id: p.employerId, name: p.name, credit_code: p.creditCode };
}
