import { z } from 'zod';
import type { AuditLabels, ModuleContract } from './module.ts';
import { isoDate, pageQuery } from './common.ts';

/**
 * The coverage indicators that the employer register, the member registry and the collective agreements
 * answer (DESIGN §3). 工资协商覆盖职工 counts the employees of the employers under a wage agreement, out of
 * the employees of all unionised employers.
 */
export const indicatorKeys = [
  'union_formation',
  'own_union_formation',
  'membership',
  'above_scale_party_independent',
  'party_org_coverage',
  'party_work_coverage',
  'wage_bargaining',
  'wage_covered_workers',
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];
export const indicatorLabels: Record<IndicatorKey, string> = {
  union_formation: '建会率',
  own_union_formation: '单独建会率',
  membership: '入会率',
  above_scale_party_independent: '规模以上企业党组织独立组建率',
  party_org_coverage: '党的组织覆盖率',
  party_work_coverage: '党的工作覆盖率',
  wage_bargaining: '工资集体协商建制率',
  wage_covered_workers: '工资协商覆盖职工',
};
/** What a numerator and a denominator count: employers (家), or people (人) for 入会率. */
export const indicatorCountUnits: Record<IndicatorKey, '家' | '人'> = {
  union_formation: '家',
  own_union_formation: '家',
  membership: '人',
  above_scale_party_independent: '家',
  party_org_coverage: '家',
  party_work_coverage: '家',
  wage_bargaining: '家',
  wage_covered_workers: '人',
};
export const indicatorParts = ['numerator', 'denominator'] as const;
export type IndicatorPart = (typeof indicatorParts)[number];

export const indicatorValue = z.object({
  indicator: z.enum(indicatorKeys),
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** Percent with two decimals, null when the denominator is 0. */
  rate: z.number().nullable(),
  /** Target for the year of the date asked, percent; null when none is set. */
  target: z.number().nullable(),
});
export type IndicatorValue = z.infer<typeof indicatorValue>;

export const unitIndicators = z.object({
  unitId: z.number().int(),
  name: z.string(),
  childCount: z.number().int(),
  values: z.array(indicatorValue),
});
export type UnitIndicators = z.infer<typeof unitIndicators>;

export const indicatorQuery = z.object({
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  asOf: isoDate.optional(),
});
export const indicatorReport = z.object({
  asOf: z.string(),
  unit: unitIndicators,
  children: z.array(unitIndicators),
  /** Employers placed directly at the unit itself, not under a child. */
  direct: unitIndicators.nullable(),
});
export type IndicatorReport = z.infer<typeof indicatorReport>;

export const trendQuery = z.object({
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  from: isoDate,
  to: isoDate,
  points: z.coerce.number().int().min(2).max(60).default(12),
});
export const indicatorTrend = z.array(z.object({ date: z.string(), values: z.array(indicatorValue) }));
export type IndicatorTrend = z.infer<typeof indicatorTrend>;

export const indicatorEmployersQuery = pageQuery.extend({
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  asOf: isoDate.optional(),
  indicator: z.enum(indicatorKeys),
  part: z.enum(indicatorParts),
  /** Only the employers placed at the unit itself (its 直属 row), not under a child. */
  direct: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** An indicator in words, from the server's one definition of it: what it counts and its scope rule. */
export const indicatorExplanation = z.object({
  indicator: z.enum(indicatorKeys),
  numerator: z.string(),
  denominator: z.string(),
  /** Which employers the denominator counts, and which it leaves out. */
  scope: z.string(),
  /** How a unit's figure sums its area's. */
  rollUp: z.string(),
});
export type IndicatorExplanation = z.infer<typeof indicatorExplanation>;

/** A denominator's drill-down: the area's employers it leaves out, by reason. */
export const indicatorLeftOutQuery = z.object({
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  asOf: isoDate.optional(),
  indicator: z.enum(indicatorKeys),
  direct: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const indicatorLeftOut = z.object({
  /** Employers of the area registered by the date (closed ones included). */
  areaEmployers: z.number().int(),
  /** Of them, those the denominator counts. */
  counted: z.number().int(),
  /** The rest, by the first reason that leaves each out. */
  groups: z.array(z.object({ reason: z.string(), label: z.string(), count: z.number().int() })),
});
export type IndicatorLeftOut = z.infer<typeof indicatorLeftOut>;

export const indicatorTarget = z.object({
  orgUnitId: z.number().int(),
  indicator: z.enum(indicatorKeys),
  year: z.number().int(),
  /** Percent, two decimals. */
  target: z.number(),
});
export type IndicatorTarget = z.infer<typeof indicatorTarget>;
export const targetQuery = z.object({
  unitId: z.coerce.number().int().positive().max(2147483647).optional(),
  year: z.coerce.number().int().min(2000).max(2100),
});
export const setTargetBody = z.object({
  orgUnitId: z.number({ error: '请选择组织' }).int().positive(),
  indicator: z.enum(indicatorKeys, { error: '请选择指标' }),
  year: z
    .number({ error: '请填写年度' })
    .int()
    .min(2000, '年度应在 2000–2100 之间')
    .max(2100, '年度应在 2000–2100 之间'),
  target: z
    .number({ error: '目标值应为数字' })
    .min(0, '目标值应在 0–100 之间')
    .max(100, '目标值应在 0–100 之间'),
});
export type SetTargetBody = z.infer<typeof setTargetBody>;

const indicatorAuditLabels = {
  actions: { 'indicator.target': '设定年度目标' },
  entityTypes: { indicator_target: '年度目标' },
  fields: { indicator: '指标', year: '年度', target: '目标值（%）', orgUnitId: '组织编号' },
  values: { indicator: indicatorLabels },
} as const satisfies AuditLabels;

/** What the indicators module adds to the contracts both sides read: its permissions and its audit labels. */
export const indicatorContract = {
  permissions: ['indicator:read', 'target:write'],
  auditLabels: indicatorAuditLabels,
} as const satisfies ModuleContract;
