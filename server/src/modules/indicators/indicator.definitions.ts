import { sql, type RawBuilder } from 'kysely';
import { nonPublicCategories, type IndicatorKey } from '@gonghui/contracts';

/**
 * The one place where coverage indicators are defined (DESIGN §3). Both the kept per-unit tallies and the
 * naive count over raw rows build their SQL from these definitions, so they cannot drift apart.
 */

/** Employees from which a non-public employer counts towards formation rates. */
export const SCOPE_MIN_EMPLOYEES = 25;

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
] as const;
export type FactKey = (typeof factKeys)[number];

/**
 * One employer's state at a date, as SQL over a row `s` with columns active, category, employees,
 * above_scale, union_status, party_status and instructor (boolean).
 */
const nonPublic = sql`s.category in (${sql.join(nonPublicCategories)})`;
const inScope = sql`(s.active and ${nonPublic} and s.employees >= ${SCOPE_MIN_EMPLOYEES})`;
const aboveScale = sql`(s.active and ${nonPublic} and s.above_scale)`;
const unionised = sql`s.union_status in ('own', 'joint')`;
const hasParty = sql`s.party_status in ('independent', 'joint')`;

const factConditions: Record<Exclude<FactKey, 'unionised_employees'>, RawBuilder<unknown>> = {
  in_scope: inScope,
  unionised: sql`(${inScope} and ${unionised})`,
  own_union: sql`(${inScope} and s.union_status = 'own')`,
  above_scale: aboveScale,
  above_scale_independent: sql`(${aboveScale} and s.party_status = 'independent')`,
  party_org: sql`(${inScope} and ${hasParty})`,
  party_work: sql`(${inScope} and (${hasParty} or s.instructor))`,
};

/** The boolean condition of a counted fact, over state row `s`. */
export function factCondition(fact: Exclude<FactKey, 'unionised_employees'>): RawBuilder<unknown> {
  return factConditions[fact];
}

/** The value one employer contributes to a fact (0/1, or its employees). */
export function factValue(fact: FactKey): RawBuilder<number> {
  if (fact === 'unionised_employees') {
    return sql<number>`(case when ${factConditions.unionised} then s.employees else 0 end)`;
  }
  return sql<number>`(case when ${factConditions[fact]} then 1 else 0 end)`;
}

export interface IndicatorDefinition {
  numerator: Exclude<FactKey, 'unionised_employees'>;
  denominator: Exclude<FactKey, 'unionised_employees'>;
}

export const indicatorDefinitions: Record<IndicatorKey, IndicatorDefinition> = {
  union_formation: { numerator: 'unionised', denominator: 'in_scope' },
  own_union_formation: { numerator: 'own_union', denominator: 'in_scope' },
  above_scale_party_independent: { numerator: 'above_scale_independent', denominator: 'above_scale' },
  party_org_coverage: { numerator: 'party_org', denominator: 'in_scope' },
  party_work_coverage: { numerator: 'party_work', denominator: 'in_scope' },
};

/** Rate in percent with two decimals, computed once from summed parts. */
export function rateOf(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator * 10000) / denominator) / 100;
}

/**
 * Each employer's state at `date` (a SQL date expression), selected as the row `s` the facts read:
 * the latest status change of each aspect on or before the date.
 */
export function employerStateAt(date: RawBuilder<unknown>, employer = sql.ref('e')) {
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
    ${latest('instructor', 'none')} <> 'none' as instructor`;
}
