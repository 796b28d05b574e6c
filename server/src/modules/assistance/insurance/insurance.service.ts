import type { Kysely } from 'kysely';
import {
  maskResidentId,
  type ClaimFilter,
  type CreatePlanBody,
  type DecideClaimBody,
  type InsuranceEnrolBody,
  type InsuranceEnrolResult,
  type InsuranceClaim,
  type InsuranceEnrolment,
  type InsurancePlan,
  type ListClaimsQuery,
  type ListEnrolmentsQuery,
  type Page,
  type PayClaimBody,
  type SubmitClaimBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { scopeOf, type Scope } from '../../../platform/scope.ts';
import { memberRepository } from '../../members/index.ts';
import type { AppDb } from '../cases/case.definitions.ts';
import { insuranceRepository as repo, type ClaimRow } from './insurance.repository.ts';

type Db = Kysely<Database>;
const PLAN = '互助保障计划';
const CLAIM = '互助保障理赔';

function presentClaim(c: ClaimRow): InsuranceClaim {
  return {
    id: c.id,
    enrolmentId: c.enrolmentId,
    planName: c.planName,
    memberName: c.memberName,
    orgUnitName: c.orgUnitName,
    amountFen: c.amountFen,
    reason: c.reason,
    status: c.status,
    approvedFen: c.approvedFen,
    note: c.note,
    paidOn: c.paidOn,
    submittedOn: c.submittedOn,
  };
}

async function visiblePlan(db: AppDb, scope: Scope, id: number) {
  const plan = await repo.plans(db, scope).where('p.id', '=', id).executeTakeFirst();
  if (!plan) throw notFound(PLAN);
  return plan;
}

async function lockedClaim(db: AppDb, actor: Actor, id: number) {
  const c = await repo.claim(db, id, await scopeOf(db, actor), true);
  if (!c) throw notFound(CLAIM);
  return c;
}

/** Mutual insurance: plans, the yearly enrolment of members (in bulk by union), claims and their payout. */
export const insuranceService = {
  async plans(db: Db, actor: Actor): Promise<InsurancePlan[]> {
    const rows = await repo.plans(db, await scopeOf(db, actor)).execute();
    return rows.map(({ orgUnitPath: _p, ...p }) => ({ ...p, enrolled: p.enrolled ?? 0 }));
  },

  async createPlan(db: Db, actor: Actor, body: CreatePlanBody): Promise<InsurancePlan> {
    if (body.maxPayoutFen < body.premiumFen)
      throw invalid([{ field: 'maxPayoutFen', message: '最高赔付不能低于每人保费' }]);
    return db.transaction().execute(async (trx) => {
      const scope = await scopeOf(trx, actor);
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit) throw invalid([{ field: 'orgUnitId', message: '举办单位不存在或不在您的管辖范围内' }]);
      const id = await repo.insertPlan(trx, {
        name: body.name,
        year: body.year,
        org_unit_id: unit.id,
        premium_fen: body.premiumFen,
        max_payout_fen: body.maxPayoutFen,
        benefits: body.benefits,
      });
      const { orgUnitPath: _p, ...plan } = await visiblePlan(trx, scope, id);
      const view = { ...plan, enrolled: plan.enrolled ?? 0 };
      await audit(trx, actor, {
        action: 'insurance_plan.create',
        entityType: 'insurance_plan',
        entityId: id,
        scopePath: unit.path,
        after: view,
      });
      return view;
    });
  },

  /**
   * Enrols members for the plan's year: every live member of one union, or the members named. A union or
   * a member outside the caller's scope answers "not found"; members already enrolled are counted apart.
   */
  async enrol(db: Db, actor: Actor, planId: number, body: InsuranceEnrolBody): Promise<InsuranceEnrolResult> {
    return db.transaction().execute(async (trx) => {
      const scope = await scopeOf(trx, actor);
      const plan = await visiblePlan(trx, scope, planId);
      let rows: Array<{ id: number; orgUnitId: number }>;
      let unitPath: string;
      if (body.unionId) {
        const union = await orgRepository.findAt(trx, body.unionId, today(), scope);
        if (!union) throw notFound('工会');
        rows = await repo.liveMembersOf(trx, union.id);
        unitPath = union.path;
      } else {
        rows = [];
        for (const id of [...new Set(body.memberIds ?? [])]) {
          const m = await memberRepository.findInScope(trx, id, scope);
          if (!m) throw notFound('会员');
          rows.push({ id: m.id, orgUnitId: m.orgUnitId });
        }
        unitPath = scope;
      }
      if (rows.length === 0) throw invalid([{ field: 'unionId', message: '该工会没有在册会员' }]);
      const enrolled = await repo.enrol(trx, plan.id, plan.premiumFen, today(), rows);
      const result = { enrolled, alreadyEnrolled: rows.length - enrolled };
      await audit(trx, actor, {
        action: 'insurance_plan.enrol',
        entityType: 'insurance_plan',
        entityId: plan.id,
        scopePath: unitPath,
        after: {
          planName: plan.name,
          unionId: body.unionId ?? null,
          memberIds: rows.map((r) => r.id),
          ...result,
        },
      });
      return result;
    });
  },

  async enrolments(
    db: Db,
    actor: Actor,
    planId: number,
    q: ListEnrolmentsQuery,
  ): Promise<Page<InsuranceEnrolment>> {
    const scope = await scopeOf(db, actor);
    await visiblePlan(db, scope, planId);
    const page = await repo.enrolmentList(db, await scopeUnderUnit(db, actor, q.orgUnitId), planId, q.q, q);
    const cipher = personalData();
    return {
      ...page,
      items: page.items.map(({ residentIdCipher, orgUnitPath: _p, ...e }) => ({
        ...e,
        residentIdMasked: maskResidentId(cipher.decrypt(residentIdCipher)),
      })),
    };
  },

  /** Every enrolment of the filtered list, for an export (IDs masked). */
  async allEnrolments(db: Db, actor: Actor, planId: number, q: { q?: string; orgUnitId?: number }) {
    const scope = await scopeOf(db, actor);
    const plan = await visiblePlan(db, scope, planId);
    const rows = await repo
      .enrolmentsQuery(db, await scopeUnderUnit(db, actor, q.orgUnitId), planId, q.q)
      .orderBy('en.id')
      .execute();
    const cipher = personalData();
    return rows.map(({ residentIdCipher, orgUnitPath: _p, ...e }) => ({
      ...e,
      planName: plan.name,
      residentIdMasked: maskResidentId(cipher.decrypt(residentIdCipher)),
    }));
  },

  async claims(db: Db, actor: Actor, q: ListClaimsQuery): Promise<Page<InsuranceClaim>> {
    const page = await repo.claimList(db, await scopeOf(db, actor), q, q);
    return { ...page, items: page.items.map(presentClaim) };
  },

  /** Every claim of the filtered list, for an export. */
  async allClaims(db: Db, actor: Actor, f: ClaimFilter): Promise<InsuranceClaim[]> {
    const page = await repo.claimList(db, await scopeOf(db, actor), f, { page: 1, pageSize: 1_000_000 });
    return page.items.map(presentClaim);
  },

  async submitClaim(db: Db, actor: Actor, body: SubmitClaimBody): Promise<InsuranceClaim> {
    return db.transaction().execute(async (trx) => {
      const scope = await scopeOf(trx, actor);
      const e = await repo.enrolment(trx, body.enrolmentId, scope);
      if (!e) throw notFound('参保记录');
      if (body.amountFen > e.maxPayoutFen)
        throw invalid([
          { field: 'amountFen', message: `申请金额不能超过最高赔付 ${(e.maxPayoutFen / 100).toFixed(2)} 元` },
        ]);
      const id = await repo.insertClaim(trx, {
        enrolment_id: e.id,
        amount_fen: body.amountFen,
        reason: body.reason,
        submitted_on: today(),
        created_by: actor.userId > 0 ? actor.userId : null,
      });
      const claim = presentClaim((await repo.claim(trx, id, scope))!);
      await audit(trx, actor, {
        action: 'insurance_claim.submit',
        entityType: 'insurance_claim',
        entityId: id,
        scopePath: e.orgUnitPath,
        after: claim,
      });
      return claim;
    });
  },

  async decide(db: Db, actor: Actor, id: number, body: DecideClaimBody): Promise<InsuranceClaim> {
    return db.transaction().execute(async (trx) => {
      const c = await lockedClaim(trx, actor, id);
      if (c.status !== 'submitted') throw conflict('该理赔已审核');
      const approvedFen = body.approve ? (body.approvedFen ?? c.amountFen) : null;
      if (approvedFen !== null && approvedFen > c.amountFen)
        throw invalid([{ field: 'approvedFen', message: '批准金额不能超过申请金额' }]);
      await repo.updateClaim(trx, id, {
        status: body.approve ? 'approved' : 'declined',
        approved_fen: approvedFen,
        note: body.note,
      });
      const after = presentClaim((await repo.claim(trx, id, await scopeOf(trx, actor)))!);
      await audit(trx, actor, {
        action: 'insurance_claim.decide',
        entityType: 'insurance_claim',
        entityId: id,
        scopePath: c.orgUnitPath,
        before: presentClaim(c),
        after,
      });
      return after;
    });
  },

  async pay(db: Db, actor: Actor, id: number, body: PayClaimBody): Promise<InsuranceClaim> {
    if (body.paidOn > today()) throw invalid([{ field: 'paidOn', message: '赔付日期不能晚于今天' }]);
    return db.transaction().execute(async (trx) => {
      const c = await lockedClaim(trx, actor, id);
      if (c.status !== 'approved') throw conflict('只有已批准的理赔才能赔付');
      if (body.paidOn < c.submittedOn)
        throw invalid([{ field: 'paidOn', message: `赔付日期不能早于申请日期 ${c.submittedOn}` }]);
      await repo.updateClaim(trx, id, { status: 'paid', paid_on: body.paidOn });
      const after = presentClaim((await repo.claim(trx, id, await scopeOf(trx, actor)))!);
      await audit(trx, actor, {
        action: 'insurance_claim.pay',
        entityType: 'insurance_claim',
        entityId: id,
        scopePath: c.orgUnitPath,
        before: presentClaim(c),
        after,
      });
      return after;
    });
  },
};
