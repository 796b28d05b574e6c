import { sql, type RawBuilder } from 'kysely';
import { nonPublicCategories, type IndicatorKey } from '@gonghui/contracts';
import { versionValidOn } from '../../platform/scope.ts';

/**
 * The one place where coverage indicators are defined (DESIGN §3). Both the kept per-unit tallies and the
 * naive count over raw rows build their SQL from these definitions, so they cannot drift apart.
 */

/** Employees from which a non-public employer counts towards formation rates. */
export const SCOPE_MIN_EMPLOYEES = 25;

/**
 * Version of the definitions below as the kept tallies were computed with: raise it whenever a fact's
 * meaning changes, and every tally is rebuilt on the next start.
 */
export const TALLY_VERSION = 2;

/** Counted facts, each a column of employer_tally. */
export const factKeys = [
  'in_scope',
  'unionised',
  'own_union',
  'above_scale',
  'above_scale_independent',
  'party_org',
  'party_work',
  'unionised_employees',
  'unionised_members',
  'wage_covered',
  'wage_covered_employees',
] as const;
export type FactKey = (typeof factKeys)[number];

/**
 * One employer's state at a date, as SQL over a row `s` with columns active, category, employees,
 * above_scale, union_status, party_status, instructor (boolean), members (active members) and
 * wage_agreement (covered by a wage agreement in force).
 */
const nonPublic = sql`s.category in (${sql.join(nonPublicCategories)})`;
const inScope = sql`(s.active and ${nonPublic} and s.employees >= ${SCOPE_MIN_EMPLOYEES})`;
const aboveScale = sql`(s.active and ${nonPublic} and s.above_scale)`;
const unionised = sql`s.union_status in ('own', 'joint')`;
const hasParty = sql`s.party_status in ('independent', 'joint')`;

const unionisedInScope = sql`(${inScope} and ${unionised})`;
const factConditions: Record<FactKey, RawBuilder<unknown>> = {
  in_scope: inScope,
  unionised: unionisedInScope,
  own_union: sql`(${inScope} and s.union_status = 'own')`,
  above_scale: aboveScale,
  above_scale_independent: sql`(${aboveScale} and s.party_status = 'independent')`,
  party_org: sql`(${inScope} and ${hasParty})`,
  party_work: sql`(${inScope} and (${hasParty} or s.instructor))`,
  unionised_employees: unionisedInScope,
  unionised_members: unionisedInScope,
  wage_covered: sql`(${unionisedInScope} and s.wage_agreement)`,
  wage_covered_employees: sql`(${unionisedInScope} and s.wage_agreement)`,
};

/** What an employer meeting a fact's condition adds to it: 1, its employees, or its active members. */
const factAmounts: Partial<Record<FactKey, RawBuilder<number>>> = {
  unionised_employees: sql<number>`s.employees`,
  unionised_members: sql<number>`s.members`,
  wage_covered_employees: sql<number>`s.employees`,
};

/** The condition an employer meets to count in a fact, over state row `s`. */
export function factCondition(fact: FactKey): RawBuilder<unknown> {
  return factConditions[fact];
}

/** The value one employer contributes to a fact. */
export function factValue(fact: FactKey): RawBuilder<number> {
  return sql<number>`(case when ${factConditions[fact]} then ${factAmounts[fact] ?? sql`1`} else 0 end)`;
}

export interface IndicatorDefinition {
  numerator: FactKey;
  denominator: FactKey;
}

export const indicatorDefinitions: Record<IndicatorKey, IndicatorDefinition> = {
  union_formation: { numerator: 'unionised', denominator: 'in_scope' },
  own_union_formation: { numerator: 'own_union', denominator: 'in_scope' },
  above_scale_party_independent: { numerator: 'above_scale_independent', denominator: 'above_scale' },
  party_org_coverage: { numerator: 'party_org', denominator: 'in_scope' },
  party_work_coverage: { numerator: 'party_work', denominator: 'in_scope' },
  membership: { numerator: 'unionised_members', denominator: 'unionised_employees' },
  wage_bargaining: { numerator: 'wage_covered', denominator: 'unionised' },
  wage_covered_workers: { numerator: 'wage_covered_employees', denominator: 'unionised_employees' },
};

/** Active members of employer `e` at a date, from the dated membership history. */
export function activeMembersAt(date: RawBuilder<unknown>, employer = sql.ref('e')): RawBuilder<number> {
  return sql<number>`(select count(*) from member_history h
      where h.employer_id = ${employer}.id and h.status = 'active'
        and ${versionValidOn('h', date)})::int`;
}

/** Rate in percent with two decimals, computed once from summed parts. */
export function rateOf(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator * 10000) / denominator) / 100;
}

/**
 * Each employer's state at `date` (a SQL date expression), selected as the row `s` the facts read:
 * the latest status change of each aspect on or before the date. `members` counts its active members
 * unless the caller already has them (the tally rebuild keeps a running count).
 */
export function employerStateAt(
  date: RawBuilder<unknown>,
  employer = sql.ref('e'),
  members: RawBuilder<number> = activeMembersAt(date, employer),
) {
  const latest = (aspect: string, fallback: string) => sql`coalesce((
      select c.value from employer_status_change c
      where c.employer_id = ${employer}.id and c.aspect = ${aspect} and c.valid_from <= ${date}
      order by c.valid_from desc limit 1), ${fallback})`;
  return sql`
    ${employer}.registered_on <= ${date} and (${employer}.closed_on is null or ${employer}.closed_on > ${date}) as active,
    ${employer}.unit_category as category,
    ${employer}.employees,
    ${employer}.above_scale,
    ${latest('union', 'none')} as union_status,
    ${latest('party', 'none')} as party_status,
    ${latest('instructor', 'none')} <> 'none' as instructor,
    ${members} as members,
    exists (
      select 1 from collective_agreement_employer ae
      join collective_agreement a on a.id = ae.agreement_id
      where ae.employer_id = ${employer}.id and a.wage_specific and a.starts_on <= ${date} and a.ends_on >= ${date}
    ) as wage_agreement`;
}
