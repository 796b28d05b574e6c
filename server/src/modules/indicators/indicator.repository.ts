import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  employerStateAt,
  factCondition,
  indicatorDefinitions,
  leftOutReasons,
} from './indicator.definitions.ts';
import type { IndicatorKey, IndicatorPart } from '@gonghui/contracts';
import { inScope, versionValidOn, type Scope } from '../../platform/scope.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface EmployerAtRow {
  id: number;
  name: string;
  credit_code: string;
  org_unit_name: string;
  employees: number;
  members: number;
  union_status: string;
  party_status: string;
  total: number;
}

export const indicatorRepository = {
  /**
   * The employers in a scope (a unit's, narrowed from the caller's) at a date that count in an
   * indicator's numerator or denominator; with `direct`, only those placed at that unit itself.
   */
  async employersBehind(
    db: Db,
    scope: Scope,
    date: string,
    indicator: IndicatorKey,
    part: IndicatorPart,
    page: { limit: number; offset: number },
    direct = false,
  ) {
    const fact = indicatorDefinitions[indicator][part];
    const place = direct ? sql`v.path = ${scope}` : inScope('v.path', scope);
    const { rows } = await sql<EmployerAtRow>`
      select e.id, e.name, e.credit_code, v.name as org_unit_name, e.employees, s.members, s.union_status, s.party_status,
             count(*) over ()::int as total
      from employer e
      join org_unit_version v on v.org_unit_id = e.org_unit_id
        and ${versionValidOn('v', date)}
      cross join lateral (select ${employerStateAt(sql`${date}::date`)}) s
      where ${place} and ${factCondition(fact)}
      order by e.name, e.id
      limit ${page.limit} offset ${page.offset}`.execute(db);
    return rows;
  },

  /**
   * The employers of a scope registered by a date, counted by why an indicator's denominator leaves
   * them out (the first reason that applies); `reason` null is the count the denominator holds.
   */
  async leftOut(db: Db, scope: Scope, date: string, indicator: IndicatorKey, direct = false) {
    const fact = indicatorDefinitions[indicator].denominator;
    const reasons = leftOutReasons[fact] ?? [];
    const place = direct ? sql`v.path = ${scope}` : inScope('v.path', scope);
    const reason = reasons.length
      ? sql`case ${sql.join(
          reasons.map((r) => sql`when not (${r.passes}) then ${r.reason}`),
          sql` `,
        )} else null end`
      : sql`null`;
    const { rows } = await sql<{ reason: string | null; n: number }>`
      select ${reason} as reason, count(*)::int as n
      from employer e
      join org_unit_version v on v.org_unit_id = e.org_unit_id
        and ${versionValidOn('v', date)}
      cross join lateral (select ${employerStateAt(sql`${date}::date`, sql.ref('e'), sql<number>`0`)}) s
      where ${place} and e.registered_on <= ${date}::date
      group by 1`.execute(db);
    return rows;
  },

  async targets(db: Db, unitIds: number[], year: number) {
    if (unitIds.length === 0) return [];
    return db
      .selectFrom('indicator_target')
      .select(['org_unit_id as orgUnitId', 'indicator', 'year', 'target_bp as targetBp'])
      .where('org_unit_id', 'in', unitIds)
      .where('year', '=', year)
      .execute();
  },

  async setTarget(db: Db, t: { orgUnitId: number; indicator: string; year: number; targetBp: number }) {
    const before = await db
      .selectFrom('indicator_target')
      .select('target_bp')
      .where('org_unit_id', '=', t.orgUnitId)
      .where('indicator', '=', t.indicator)
      .where('year', '=', t.year)
      .executeTakeFirst();
    await db
      .insertInto('indicator_target')
      .values({ org_unit_id: t.orgUnitId, indicator: t.indicator, year: t.year, target_bp: t.targetBp })
      .onConflict((oc) =>
        oc
          .columns(['org_unit_id', 'indicator', 'year'])
          .doUpdateSet({ target_bp: t.targetBp, updated_at: new Date() }),
      )
      .execute();
    return before?.target_bp ?? null;
  },
};
