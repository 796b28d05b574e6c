import { z } from 'zod';
import { pageQuery } from './common.ts';
import { modelWorkerLevels, modelWorkerStatuses } from './model-workers-registry.ts';
import { date, fen, queryId, queryYear, recordId, requiredText } from './model-workers-fields.ts';

// ——— Subsidy rules (补助标准), versioned ———

export const subsidyConditions = ['any', 'retired', 'hardship', 'retired_hardship'] as const;
export type SubsidyCondition = (typeof subsidyConditions)[number];
export const subsidyConditionLabels: Record<SubsidyCondition, string> = {
  any: '在册（未故）即可',
  retired: '已退休',
  hardship: '生活困难',
  retired_hardship: '已退休且生活困难',
};
export const subsidyPeriods = ['month', 'year'] as const;
export type SubsidyPeriod = (typeof subsidyPeriods)[number];
export const subsidyPeriodLabels: Record<SubsidyPeriod, string> = { month: '每月', year: '每年' };

const ruleTerms = {
  level: z.enum(modelWorkerLevels, { error: '请选择荣誉级别' }),
  condition: z.enum(subsidyConditions, { error: '请选择享受条件' }),
  amountFen: fen('补助金额'),
  per: z.enum(subsidyPeriods, { error: '请选择按月或按年' }),
  validFrom: date('生效日期'),
  validTo: date('失效日期').nullable().optional(),
};
export const createSubsidyRuleBody = z.object({
  orgUnitId: recordId('制定单位编号'),
  name: requiredText('标准名称', 2, 40),
  ...ruleTerms,
});
export type CreateSubsidyRuleBody = z.infer<typeof createSubsidyRuleBody>;
/** A change makes a new version; the versions before it, and the lines paid under them, stay as they were. */
export const reviseSubsidyRuleBody = z.object({ ...ruleTerms, reason: requiredText('修订原因', 2, 200) });
export type ReviseSubsidyRuleBody = z.infer<typeof reviseSubsidyRuleBody>;

export const subsidyRuleVersion = z.object({
  id: z.number().int(),
  version: z.number().int(),
  level: z.enum(modelWorkerLevels),
  condition: z.enum(subsidyConditions),
  amountFen: z.number().int(),
  per: z.enum(subsidyPeriods),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type SubsidyRuleVersion = z.infer<typeof subsidyRuleVersion>;
export const subsidyRule = z.object({
  id: z.number().int(),
  name: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  current: subsidyRuleVersion,
  versions: z.array(subsidyRuleVersion),
});
export type SubsidyRule = z.infer<typeof subsidyRule>;
export const subsidyRuleFilterQuery = z.object({ orgUnitId: queryId('制定单位编号').optional() });

// ——— Subsidy rolls (补助发放名册) ———

export const rollStatuses = ['preview', 'approved'] as const;
export type RollStatus = (typeof rollStatuses)[number];
export const rollStatusLabels: Record<RollStatus, string> = { preview: '待审批', approved: '已审批' };
export const paidStatuses = ['unpaid', 'paid', 'failed'] as const;
export type PaidStatus = (typeof paidStatuses)[number];
export const paidStatusLabels: Record<PaidStatus, string> = {
  unpaid: '待发放',
  paid: '已到账',
  failed: '发放失败',
};

/** 2011-09 (a monthly roll) or 2011 (a yearly roll). */
export const rollPeriod = z
  .string({ error: '请填写发放期间' })
  .trim()
  .regex(/^(19[5-9]\d|20\d\d|2100)(-(0[1-9]|1[0-2]))?$/, '发放期间应为年份（如 2011）或年月（如 2011-09）');
export const createRollBody = z.object({
  orgUnitId: recordId('发放单位编号'),
  period: rollPeriod,
  title: requiredText('名册名称', 2, 60),
});
export type CreateRollBody = z.infer<typeof createRollBody>;

export const rollChange = z.object({
  workerId: z.number().int(),
  name: z.string(),
  change: z.enum(['added', 'removed', 'amount']),
  before: z.number().int().nullable(),
  after: z.number().int().nullable(),
});
export type RollChange = z.infer<typeof rollChange>;
export const rollChangeLabels: Record<RollChange['change'], string> = {
  added: '新增',
  removed: '不再符合',
  amount: '金额变化',
};

export const subsidyRoll = z.object({
  id: z.number().int(),
  title: z.string(),
  period: z.string(),
  per: z.enum(subsidyPeriods),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  status: z.enum(rollStatuses),
  recipients: z.number().int(),
  totalFen: z.number().int(),
  paidFen: z.number().int(),
  previewedAt: z.string(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  /** Recipients without a bank account on file, who cannot be paid until one is recorded. */
  missingAccounts: z.number().int(),
  /** Who changed between the preview and the approval (shown at approval, kept with the roll). */
  changes: z.array(rollChange),
});
export type SubsidyRoll = z.infer<typeof subsidyRoll>;
export const rollFilterQuery = z.object({
  status: z.enum(rollStatuses, { error: '名册状态不正确' }).optional(),
  year: queryYear('年度').optional(),
  orgUnitId: queryId('发放单位编号').optional(),
});
export type RollFilter = z.infer<typeof rollFilterQuery>;
export const listRollsQuery = pageQuery.extend(rollFilterQuery.shape);
export type ListRollsQuery = z.infer<typeof listRollsQuery>;

export const rollLine = z.object({
  workerId: z.number().int(),
  name: z.string(),
  orgUnitName: z.string(),
  level: z.enum(modelWorkerLevels),
  status: z.enum(modelWorkerStatuses),
  hardship: z.boolean(),
  ruleVersionId: z.number().int(),
  ruleName: z.string(),
  ruleVersion: z.number().int(),
  amountFen: z.number().int(),
  bankName: z.string().nullable(),
  bankAccountMasked: z.string().nullable(),
  /** Null while the roll awaits approval: its lines are then the preview, and nothing can be paid. */
  paidStatus: z.enum(paidStatuses).nullable(),
  paidOn: z.string().nullable(),
  paidNote: z.string().nullable(),
});
export type RollLine = z.infer<typeof rollLine>;
export const rollLineFilterQuery = z.object({
  paidStatus: z.enum(paidStatuses, { error: '发放状态不正确' }).optional(),
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
});
export type RollLineFilter = z.infer<typeof rollLineFilterQuery>;
export const listRollLinesQuery = pageQuery.extend(rollLineFilterQuery.shape);
export type ListRollLinesQuery = z.infer<typeof listRollLinesQuery>;

export const bankExportBody = z.object({ reason: requiredText('导出原因', 2, 200) });
export type BankExportBody = z.infer<typeof bankExportBody>;

/** What a bank's returned file changed. */
export const paidImportResult = z.object({
  paid: z.number().int(),
  failed: z.number().int(),
  unchanged: z.number().int(),
});
export type PaidImportResult = z.infer<typeof paidImportResult>;

export const rollTotalsQuery = z.object({
  year: queryYear('年度').optional(),
  orgUnitId: queryId('单位编号').optional(),
});
export const rollTotal = z.object({
  period: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  recipients: z.number().int(),
  totalFen: z.number().int(),
  paidFen: z.number().int(),
});
export type RollTotal = z.infer<typeof rollTotal>;
