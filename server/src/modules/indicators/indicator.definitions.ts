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

/** What each counted fact counts, in a cadre's words: the one text the indicators' explanations use. */
export const factDescriptions: Record<FactKey, string> = {
  in_scope: `纳入统计的单位：非公有制企业，职工 ${SCOPE_MIN_EMPLOYEES} 人及以上，截至该日已登记且未注销`,
  unionised: '其中已建会的单位（单独建会或加入联合工会）',
  own_union: '其中单独建立工会的单位',
  above_scale: '规模以上非公有制企业（截至该日已登记且未注销）',
  above_scale_independent: '其中单独组建党组织的企业',
  party_org: '其中建有党组织的单位（单独组建或联合组建）',
  party_work: '其中建有党组织或派有党建工作指导员的单位',
  unionised_employees: '已建会单位（纳入统计范围内）的职工人数',
  unionised_members: '这些单位在册的在会会员人数',
  wage_covered: '其中签有在有效期内的工资专项集体合同的单位',
  wage_covered_employees: '签有在有效期内的工资专项集体合同的已建会单位的职工人数',
};

/**
 * Why an employer of the area is left out of a denominator, checked in this order; the first that
 * applies is its reason.
 */
export interface LeftOutReason {
  reason: string;
  label: string;
  /** True when the employer passes this test, over state row `s`. */
  passes: RawBuilder<unknown>;
}

const closedReason: LeftOutReason = { reason: 'closed', label: '截至该日已注销', passes: sql`s.active` };
const publicReason: LeftOutReason = {
  reason: 'public',
  label: '不是非公有制企业（机关、事业单位、国有或集体企业等）',
  passes: nonPublic,
};
const scopeReasons: LeftOutReason[] = [
  closedReason,
  publicReason,
  {
    reason: 'small',
    label: `职工不足 ${SCOPE_MIN_EMPLOYEES} 人`,
    passes: sql`s.employees >= ${SCOPE_MIN_EMPLOYEES}`,
  },
];
const unionisedReasons: LeftOutReason[] = [
  ...scopeReasons,
  { reason: 'no_union', label: '尚未建会', passes: unionised },
];

/** The reasons an area's employer can miss each fact that is some indicator's denominator. */
export const leftOutReasons: Partial<Record<FactKey, LeftOutReason[]>> = {
  in_scope: scopeReasons,
  above_scale: [
    closedReason,
    publicReason,
    { reason: 'not_above_scale', label: '不是规模以上企业', passes: sql`s.above_scale` },
  ],
  unionised: unionisedReasons,
  unionised_employees: unionisedReasons,
};

/** The rule that decides which employers a denominator counts, by that denominator. */
const scopeRules: Partial<Record<FactKey, string>> = {
  in_scope: `分母只统计非公有制企业（私营、港澳台、外商投资等），且职工 ${SCOPE_MIN_EMPLOYEES} 人及以上；机关、事业单位、国有和集体企业，以及职工不足 ${SCOPE_MIN_EMPLOYEES} 人的小微企业，虽在单位名录中，不计入。因此单位名录的家数通常多于分母。`,
  above_scale: '分母只统计统计部门认定的规模以上非公有制企业（如年主营业务收入 2000 万元及以上的工业企业）。',
  unionised: `分母只统计纳入建会统计范围（非公有制、职工 ${SCOPE_MIN_EMPLOYEES} 人及以上）且已建会的单位。`,
  unionised_employees: `只统计纳入建会统计范围（非公有制、职工 ${SCOPE_MIN_EMPLOYEES} 人及以上）且已建会的单位的职工。`,
};

/** How an indicator reads in words: what its numerator and denominator count, and its scope rule. */
export function indicatorExplanation(indicator: IndicatorKey) {
  const d = indicatorDefinitions[indicator];
  return {
    indicator,
    numerator: factDescriptions[d.numerator],
    denominator: factDescriptions[d.denominator],
    scope: scopeRules[d.denominator] ?? '',
    /** The rate is the summed numerator over the summed denominator of the area, never an average of rates. */
    rollUp: '上级组织的数字是下辖各单位分子、分母分别相加后再相除，不是各下级比率的平均。',
  };
}

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
