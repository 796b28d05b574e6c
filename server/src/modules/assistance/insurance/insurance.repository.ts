import { sql, type Insertable } from 'kysely';
import type { ClaimStatus } from '@gonghui/contracts';
import { startingWith } from '../../../db/like.ts';
import { listPage, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import {
  withAssistance,
  type AppDb,
  type InsuranceClaimTable,
  type InsurancePlanTable,
} from '../cases/case.definitions.ts';

/** The latest version of a unit, by its id column. */
const latest = (column: string, field: 'name' | 'path') =>
  sql<string>`(select lv.${sql.raw(field)} from org_unit_version lv where lv.org_unit_id = ${sql.ref(column)}
    order by lv.valid_from desc limit 1)`;

/** The ids of the units on a scope's path: the caller's unit and those above it. */
const unitsOnPath = (scope: Scope) =>
  scope
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n));

function enrolments(db: AppDb, scope: Scope) {
  return withAssistance(db)
    .selectFrom('insurance_enrolment as en')
    .innerJoin('org_unit_version as v', 'v.org_unit_id', 'en.org_unit_id')
    .innerJoin('member as m', 'm.id', 'en.member_id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('org_unit_version as w')
            .select('w.id')
            .whereRef('w.org_unit_id', '=', 'v.org_unit_id')
            .whereRef('w.valid_from', '>', 'v.valid_from'),
        ),
      ),
    )
    .where(inScope('v.path', scope));
}

const enrolmentColumns = [
  'en.id',
  'en.plan_id as planId',
  'en.member_id as memberId',
  'm.name as memberName',
  'm.resident_id_cipher as residentIdCipher',
  'en.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'en.premium_fen as premiumFen',
  'en.enrolled_on as enrolledOn',
] as const;

const claimColumns = [
  'c.id',
  'c.enrolment_id as enrolmentId',
  'p.name as planName',
  'p.max_payout_fen as maxPayoutFen',
  'm.name as memberName',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'c.amount_fen as amountFen',
  'c.reason',
  'c.status',
  'c.approved_fen as approvedFen',
  'c.note',
  'c.paid_on as paidOn',
  'c.submitted_on as submittedOn',
] as const;

function claims(db: AppDb, scope: Scope) {
  return enrolments(db, scope)
    .innerJoin('insurance_claim as c', 'c.enrolment_id', 'en.id')
    .innerJoin('insurance_plan as p', 'p.id', 'en.plan_id');
}

export const insuranceRepository = {
  /** Plans the caller may enrol members in: run by their unit, a unit above it, or one below it. */
  plans(db: AppDb, scope: Scope) {
    return withAssistance(db)
      .selectFrom('insurance_plan as p')
      .select([
        'p.id',
        'p.name',
        'p.year',
        'p.org_unit_id as orgUnitId',
        latest('p.org_unit_id', 'name').as('orgUnitName'),
        latest('p.org_unit_id', 'path').as('orgUnitPath'),
        'p.premium_fen as premiumFen',
        'p.max_payout_fen as maxPayoutFen',
        'p.benefits',
        (eb) =>
          eb
            .selectFrom('insurance_enrolment as en')
            .innerJoin('org_unit_version as ev', (j) =>
              j.onRef('ev.org_unit_id', '=', 'en.org_unit_id').on('ev.valid_to', 'is', null),
            )
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('en.plan_id', '=', 'p.id')
            .where(inScope('ev.path', scope))
            .as('enrolled'),
      ])
      .where((eb) =>
        eb.or([
          eb('p.org_unit_id', 'in', unitsOnPath(scope).length ? unitsOnPath(scope) : [0]),
          eb.exists(
            eb
              .selectFrom('org_unit_version as pv')
              .select('pv.id')
              .whereRef('pv.org_unit_id', '=', 'p.org_unit_id')
              .where('pv.valid_to', 'is', null)
              .where(inScope('pv.path', scope)),
          ),
        ]),
      )
      .orderBy('p.year', 'desc')
      .orderBy('p.id', 'desc');
  },

  async insertPlan(db: AppDb, values: Insertable<InsurancePlanTable>): Promise<number> {
    const { id } = await withAssistance(db)
      .insertInto('insurance_plan')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /** The live members of one union (not those below it), for an enrolment by union. */
  async liveMembersOf(db: AppDb, orgUnitId: number) {
    return db
      .selectFrom('member')
      .select(['id', 'org_unit_id as orgUnitId'])
      .where('org_unit_id', '=', orgUnitId)
      .where('status', 'in', ['active', 'retired', 'unemployed'])
      .orderBy('id')
      .execute();
  },

  /** Enrols members, skipping those already in the plan; returns how many were added. */
  async enrol(
    db: AppDb,
    planId: number,
    premiumFen: number,
    on: string,
    rows: Array<{ id: number; orgUnitId: number }>,
  ) {
    let added = 0;
    for (let i = 0; i < rows.length; i += 1000) {
      const r = await withAssistance(db)
        .insertInto('insurance_enrolment')
        .values(
          rows.slice(i, i + 1000).map((m) => ({
            plan_id: planId,
            member_id: m.id,
            org_unit_id: m.orgUnitId,
            premium_fen: premiumFen,
            enrolled_on: on,
          })),
        )
        .onConflict((oc) => oc.columns(['plan_id', 'member_id']).doNothing())
        .returning('id')
        .execute();
      added += r.length;
    }
    return added;
  },

  enrolmentsQuery(db: AppDb, scope: Scope, planId: number, q?: string) {
    let query = enrolments(db, scope).where('en.plan_id', '=', planId);
    if (q?.trim()) query = query.where('m.name', 'like', startingWith(q.trim()));
    return query.select(enrolmentColumns);
  },

  async enrolmentList(db: AppDb, scope: Scope, planId: number, q: string | undefined, page: PageRequest) {
    return listPage(db, {
      rows: this.enrolmentsQuery(db, scope, planId, q),
      orderBy: [['en.id', 'asc']],
      page,
    });
  },

  async enrolment(db: AppDb, id: number, scope: Scope) {
    return enrolments(db, scope)
      .innerJoin('insurance_plan as p', 'p.id', 'en.plan_id')
      .select([...enrolmentColumns, 'p.max_payout_fen as maxPayoutFen'])
      .where('en.id', '=', id)
      .executeTakeFirst();
  },

  async insertClaim(db: AppDb, values: Insertable<InsuranceClaimTable>): Promise<number> {
    const { id } = await withAssistance(db)
      .insertInto('insurance_claim')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async claim(db: AppDb, id: number, scope: Scope, lock = false) {
    const q = claims(db, scope).select(claimColumns).where('c.id', '=', id);
    return (lock ? q.forUpdate('c') : q).executeTakeFirst();
  },

  async claimList(db: AppDb, scope: Scope, f: { status?: ClaimStatus; planId?: number }, page: PageRequest) {
    let q = claims(db, scope).select(claimColumns);
    if (f.status) q = q.where('c.status', '=', f.status);
    if (f.planId) q = q.where('en.plan_id', '=', f.planId);
    return listPage(db, { rows: q, orderBy: [['c.id', 'desc']], page });
  },

  async updateClaim(db: AppDb, id: number, values: Partial<Insertable<InsuranceClaimTable>>) {
    await withAssistance(db).updateTable('insurance_claim').set(values).where('id', '=', id).execute();
  },
};

export type ClaimRow = NonNullable<Awaited<ReturnType<typeof insuranceRepository.claim>>>;
