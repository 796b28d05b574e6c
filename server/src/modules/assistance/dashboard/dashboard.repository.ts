import { sql } from 'kysely';
import type { CaseStatus, CaseType, HardshipCategory, OrgLevel } from '@gonghui/contracts';
import type { Scope } from '../../../platform/scope.ts';
import type { AppDb } from '../cases/case.definitions.ts';
import { scopedCases } from '../cases/case.repository.ts';
import { scopedArchives } from '../hardship/hardship.repository.ts';

const n = sql<number>`count(*)::int`;

/** The one-stop centre's figures, each one grouped query in the caller's scope. */
export const dashboardRepository = {
  /** Cases received in [from, to], by type, status and the level of the unit handling them. */
  async caseGroups(db: AppDb, scope: Scope, from: string, to: string) {
    return scopedCases(db, scope)
      .innerJoin('org_unit as hu', 'hu.id', 'c.handling_unit_id')
      .where('c.received_on', '>=', from)
      .where('c.received_on', '<=', to)
      .select([
        'c.case_type as type',
        'c.status',
        'hu.level',
        sql<boolean>`c.closed_on is not null`.as('closed'),
        n.as('n'),
      ])
      .groupBy(['c.case_type', 'c.status', 'hu.level', sql`c.closed_on is not null`])
      .execute() as Promise<
      Array<{ type: CaseType; status: CaseStatus; level: OrgLevel; closed: boolean; n: number }>
    >;
  },

  /** Open cases past their due date, and those whose warning day has come, today. */
  async clocks(db: AppDb, scope: Scope, today: string) {
    return scopedCases(db, scope)
      .where('c.closed_on', 'is', null)
      .where('c.paused_since', 'is', null)
      .select([
        sql<number>`count(*) filter (where c.due_on < ${today})::int`.as('overdue'),
        sql<number>`count(*) filter (where c.warn_on <= ${today} and c.due_on >= ${today})::int`.as(
          'dueSoon',
        ),
      ])
      .executeTakeFirstOrThrow();
  },

  /**
   * How many cases closed in [from, to] and the median of their stored handling times in working days,
   * in one percentile (null when none closed).
   */
  async handlingTime(db: AppDb, scope: Scope, from: string, to: string) {
    const r = await scopedCases(db, scope)
      .where('c.closed_on', '>=', from)
      .where('c.closed_on', '<=', to)
      .select([
        n.as('n'),
        sql<number | string | null>`percentile_cont(0.5) within group (order by c.handling_working_days)`.as(
          'median',
        ),
      ])
      .executeTakeFirstOrThrow();
    return { n: r.n, median: r.median === null ? null : Number(r.median) };
  },

  /** Money given in [from, to] to the scope's households, by fund and month. */
  async paid(db: AppDb, scope: Scope, from: string, to: string) {
    return scopedArchives(db, scope)
      .innerJoin('assistance_given as g', 'g.archive_id', 'a.id')
      .where('g.kind', '=', 'money')
      .where('g.given_on', '>=', from)
      .where('g.given_on', '<=', to)
      .select([
        'g.fund',
        sql<string>`to_char(g.given_on, 'YYYY-MM')`.as('month'),
        sql<string>`sum(g.amount_fen)::bigint`.as('amountFen'),
      ])
      .groupBy(['g.fund', sql`to_char(g.given_on, 'YYYY-MM')`])
      .orderBy(sql`to_char(g.given_on, 'YYYY-MM')`)
      .orderBy('g.fund')
      .execute();
  },

  /** Archives in force, by category. */
  async archives(db: AppDb, scope: Scope) {
    return scopedArchives(db, scope)
      .where('a.status', '=', 'active')
      .select(['a.category', n.as('n')])
      .groupBy('a.category')
      .execute() as Promise<Array<{ category: HardshipCategory; n: number }>>;
  },
};
