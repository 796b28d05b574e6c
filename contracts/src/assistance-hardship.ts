import { z } from 'zod';
import { pageQuery } from './common.ts';
import { date, id, optionalText, queryId, requiredText } from './assistance-fields.ts';

// ——— Hardship archives (困难职工档案) ———

export const hardshipCategories = ['deep', 'relative', 'sudden', 'none'] as const;
export type HardshipCategory = (typeof hardshipCategories)[number];
export const hardshipCategoryLabels: Record<HardshipCategory, string> = {
  deep: '深度困难',
  relative: '相对困难',
  sudden: '意外致困',
  none: '不符合困难条件',
};
export const hardshipStatuses = ['active', 'exited', 'cancelled'] as const;
export type HardshipStatus = (typeof hardshipStatuses)[number];
export const hardshipStatusLabels: Record<HardshipStatus, string> = {
  active: '在档',
  exited: '已脱困',
  cancelled: '已注销',
};
export const suddenCauses = ['disaster', 'accident', 'illness'] as const;
export type SuddenCause = (typeof suddenCauses)[number];
export const suddenCauseLabels: Record<SuddenCause, string> = {
  disaster: '自然灾害',
  accident: '意外事故',
  illness: '重大疾病',
};
export const householdRelations = ['head', 'spouse', 'child', 'parent', 'other'] as const;
export type HouseholdRelation = (typeof householdRelations)[number];
export const householdRelationLabels: Record<HouseholdRelation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  other: '其他',
};
export const healthStates = ['healthy', 'chronic', 'serious', 'disabled'] as const;
export type HealthState = (typeof healthStates)[number];
export const healthStateLabels: Record<HealthState, string> = {
  healthy: '健康',
  chronic: '慢性病',
  serious: '重病',
  disabled: '残疾',
};

/** The rule the category is computed by; kept with each archive beside the line that applied. */
export const HARDSHIP_RULE_VERSION = '2026-1';
/** Money kept in fen: at most ten million yuan a year. */
const fen = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}最多两位小数（以分计）`)
    .min(0, `${label}不能为负`)
    .max(1_000_000_000, `${label}过大`);

export const householdMemberBody = z.object({
  name: requiredText('姓名', 2, 30),
  relation: z.enum(householdRelations, { error: '请选择与户主关系' }),
  residentId: z.string({ error: '请填写身份证号' }).trim().min(1, '请填写身份证号'),
  health: z.enum(healthStates, { error: '请选择健康状况' }),
  annualIncomeFen: fen('年收入'),
  occupation: optionalText('就学或就业情况', 60),
});
export type HouseholdMemberBody = z.infer<typeof householdMemberBody>;

export const createArchiveBody = z.object({
  orgUnitId: id('建档单位编号'),
  members: z
    .array(householdMemberBody, { error: '请填写家庭成员' })
    .min(1, '请至少填写户主')
    .max(20, '家庭成员最多 20 人'),
  unavoidableExpenseFen: fen('刚性支出'),
  suddenCause: z.enum(suddenCauses, { error: '致困原因不正确' }).nullable().optional(),
  suddenNote: optionalText('致困情况说明', 500),
  reviewDueOn: date('下次复核日期'),
});
export type CreateArchiveBody = z.infer<typeof createArchiveBody>;

export const updateArchiveBody = z.object({
  unavoidableExpenseFen: fen('刚性支出').optional(),
  suddenCause: z.enum(suddenCauses, { error: '致困原因不正确' }).nullable().optional(),
  suddenNote: optionalText('致困情况说明', 500),
  reviewDueOn: date('下次复核日期').optional(),
});
export type UpdateArchiveBody = z.infer<typeof updateArchiveBody>;

export const updateHouseholdMemberBody = z.object({
  annualIncomeFen: fen('年收入').optional(),
  health: z.enum(healthStates, { error: '请选择健康状况' }).optional(),
  occupation: optionalText('就学或就业情况', 60),
});
export type UpdateHouseholdMemberBody = z.infer<typeof updateHouseholdMemberBody>;
export const archiveMemberParams = z.object({
  id: queryId('档案编号'),
  memberId: queryId('家庭成员编号'),
});

export const archiveStatusBody = z.object({
  status: z.enum(hardshipStatuses, { error: '请选择档案状态' }),
  reason: requiredText('原因', 2, 500),
});
export type ArchiveStatusBody = z.infer<typeof archiveStatusBody>;

export const archiveFilterQuery = z.object({
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
  category: z.enum(hardshipCategories, { error: '困难类别不正确' }).optional(),
  status: z.enum(hardshipStatuses, { error: '档案状态不正确' }).optional(),
  /** Archives whose yearly review date has passed. */
  reviewOverdue: z
    .enum(['true', 'false'], { error: '是否逾期未复核应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  /** Archives that never received any recorded help. */
  neverAssisted: z
    .enum(['true', 'false'], { error: '是否从未帮扶应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  orgUnitId: queryId('建档单位编号').optional(),
});
export type ArchiveFilter = z.infer<typeof archiveFilterQuery>;
export const listArchivesQuery = pageQuery.extend(archiveFilterQuery.shape);
export type ListArchivesQuery = z.infer<typeof listArchivesQuery>;

/** The arithmetic behind a category, as the archive page shows it. */
export const hardshipArithmetic = z.object({
  annualIncomeFen: z.number().int(),
  unavoidableExpenseFen: z.number().int(),
  householdSize: z.number().int(),
  /** (income − expenses) ÷ 12 ÷ size, rounded to the fen. */
  perCapitaMonthlyFen: z.number().int(),
  lineMonthlyFen: z.number().int(),
  lineYear: z.number().int(),
  lineUnitName: z.string(),
  ruleVersion: z.string(),
});
export type HardshipArithmetic = z.infer<typeof hardshipArithmetic>;

export const hardshipArchive = z.object({
  id: z.number().int(),
  headName: z.string(),
  headResidentIdMasked: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  category: z.enum(hardshipCategories),
  status: z.enum(hardshipStatuses),
  statusReason: z.string().nullable(),
  suddenCause: z.enum(suddenCauses).nullable(),
  suddenNote: z.string().nullable(),
  reviewDueOn: z.string(),
  /** Money given to the household so far, in fen. */
  assistedFen: z.number().int(),
  arithmetic: hardshipArithmetic,
  updatedAt: z.string(),
});
export type HardshipArchive = z.infer<typeof hardshipArchive>;

export const householdMember = z.object({
  id: z.number().int(),
  name: z.string(),
  relation: z.enum(householdRelations),
  residentIdMasked: z.string(),
  health: z.enum(healthStates),
  annualIncomeFen: z.number().int(),
  occupation: z.string().nullable(),
});
export type HouseholdMember = z.infer<typeof householdMember>;
export const hardshipArchiveDetail = hardshipArchive.extend({
  members: z.array(householdMember),
  /** Every help given, newest first: all year, not only at festivals. */
  assistance: z.array(z.lazy(() => assistanceGiven)),
});
export type HardshipArchiveDetail = z.infer<typeof hardshipArchiveDetail>;

export const livingLineBody = z.object({
  orgUnitId: id('区（县级市）编号'),
  year: z
    .number({ error: '年度应为数字' })
    .int('年度应为整数')
    .min(2000, '年度不能早于 2000 年')
    .max(2100, '年度不能晚于 2100 年'),
  monthlyFen: z
    .number({ error: '最低生活保障标准应为数字' })
    .int('最低生活保障标准最多两位小数（以分计）')
    .min(1, '最低生活保障标准应大于 0')
    .max(10_000_000, '最低生活保障标准过大'),
});
export type LivingLineBody = z.infer<typeof livingLineBody>;
export const livingLine = livingLineBody.extend({ orgUnitName: z.string() });
export type LivingLine = z.infer<typeof livingLine>;

// ——— Assistance given (帮扶记录) ———

export const assistanceKinds = ['money', 'goods', 'service'] as const;
export type AssistanceKind = (typeof assistanceKinds)[number];
export const assistanceKindLabels: Record<AssistanceKind, string> = {
  money: '资金',
  goods: '物资',
  service: '服务',
};

export const giveAssistanceBody = z.object({
  kind: z.enum(assistanceKinds, { error: '请选择帮扶方式' }),
  /** Money given, in fen; only for money. */
  amountFen: z
    .number({ error: '金额应为数字' })
    .int('金额最多两位小数（以分计）')
    .min(1, '金额应大于 0')
    .max(100_000_000, '金额过大')
    .nullable()
    .optional(),
  description: optionalText('帮扶内容', 200),
  fund: requiredText('资金或物资来源', 2, 30),
  givenOn: date('帮扶日期'),
  /** The case the help answers, when there is one. */
  caseId: id('案件编号').nullable().optional(),
});
export type GiveAssistanceBody = z.infer<typeof giveAssistanceBody>;

export const assistanceGiven = z.object({
  id: z.number().int(),
  kind: z.enum(assistanceKinds),
  amountFen: z.number().int().nullable(),
  description: z.string().nullable(),
  fund: z.string(),
  givenOn: z.string(),
  caseId: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
});
export type AssistanceGiven = z.infer<typeof assistanceGiven>;
