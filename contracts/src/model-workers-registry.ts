import { z } from 'zod';
import { pageQuery } from './common.ts';
import {
  booleanQuery,
  optionalText,
  queryId,
  queryYear,
  recordId,
  requiredText,
  year,
} from './model-workers-fields.ts';

// ——— The registry of model workers (劳动模范) ———

export const modelWorkerLevels = ['city', 'provincial', 'national'] as const;
export type ModelWorkerLevel = (typeof modelWorkerLevels)[number];
export const modelWorkerLevelLabels: Record<ModelWorkerLevel, string> = {
  city: '市级',
  provincial: '省部级',
  national: '全国',
};
export const modelWorkerStatuses = ['working', 'retired', 'deceased'] as const;
export type ModelWorkerStatus = (typeof modelWorkerStatuses)[number];
export const modelWorkerStatusLabels: Record<ModelWorkerStatus, string> = {
  working: '在职',
  retired: '退休',
  deceased: '已故',
};

const bankName = optionalText('开户银行', 40);
const bankAccount = z
  .string({ error: '银行账号应为文字' })
  .trim()
  .max(40, '银行账号最多 40 位')
  .transform((v) => v.replace(/[\s-]/g, ''))
  .refine((v) => v === '' || /^\d{8,30}$/.test(v), '银行账号应为 8 至 30 位数字')
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

const workerFields = {
  level: z.enum(modelWorkerLevels, { error: '请选择荣誉级别' }),
  /** The honour as awarded, e.g. 江苏省劳动模范, 全国五一劳动奖章. */
  title: requiredText('荣誉称号', 2, 40),
  /** An honour treated as that level (e.g. 全国五一劳动奖章 as national). */
  equivalent: z.boolean({ error: '是否享受同等待遇应为是或否' }).default(false),
  awardedYear: year('授予年份'),
  employerId: recordId('工作单位编号').nullable().optional(),
  workUnit: optionalText('工作单位', 60),
  status: z.enum(modelWorkerStatuses, { error: '请选择在职状态' }),
  hardship: z.boolean({ error: '是否困难应为是或否' }).default(false),
  hardshipEvidence: optionalText('困难情况说明', 500),
  bankName,
  bankAccount,
};

export const createModelWorkerBody = z.object({
  name: requiredText('姓名', 2, 30),
  residentId: z
    .string({ error: '请填写身份证号码' })
    .trim()
    .min(1, '请填写身份证号码')
    .max(30, '身份证号码为 18 位'),
  orgUnitId: recordId('所属工会编号'),
  ...workerFields,
});
export type CreateModelWorkerBody = z.infer<typeof createModelWorkerBody>;

export const updateModelWorkerBody = z.object({
  level: workerFields.level.optional(),
  title: workerFields.title.optional(),
  equivalent: z.boolean({ error: '是否享受同等待遇应为是或否' }).optional(),
  awardedYear: workerFields.awardedYear.optional(),
  employerId: workerFields.employerId,
  workUnit: workerFields.workUnit,
  status: workerFields.status.optional(),
  hardship: z.boolean({ error: '是否困难应为是或否' }).optional(),
  hardshipEvidence: workerFields.hardshipEvidence,
  bankName,
  bankAccount,
});
export type UpdateModelWorkerBody = z.infer<typeof updateModelWorkerBody>;

export const modelWorkerSorts = ['name', 'awardedYear', 'updatedAt'] as const;
export const modelWorkerFilterQuery = z.object({
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
  level: z.enum(modelWorkerLevels, { error: '荣誉级别不正确' }).optional(),
  status: z.enum(modelWorkerStatuses, { error: '在职状态不正确' }).optional(),
  hardship: booleanQuery('是否困难'),
  awardedFrom: queryYear('授予年份起').optional(),
  awardedTo: queryYear('授予年份止').optional(),
  orgUnitId: queryId('所属工会编号').optional(),
  sort: z.enum(modelWorkerSorts, { error: '排序字段不正确' }).default('name'),
  order: z.enum(['asc', 'desc'], { error: '排序方向不正确' }).default('asc'),
});
export type ModelWorkerFilter = z.infer<typeof modelWorkerFilterQuery>;
export const listModelWorkersQuery = pageQuery.extend(modelWorkerFilterQuery.shape);
export type ListModelWorkersQuery = z.infer<typeof listModelWorkersQuery>;

export const modelWorker = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  residentIdMasked: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  level: z.enum(modelWorkerLevels),
  title: z.string(),
  equivalent: z.boolean(),
  awardedYear: z.number().int(),
  employerId: z.number().int().nullable(),
  employerName: z.string().nullable(),
  workUnit: z.string().nullable(),
  status: z.enum(modelWorkerStatuses),
  hardship: z.boolean(),
  hardshipEvidence: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccountMasked: z.string().nullable(),
  updatedAt: z.string(),
});
export type ModelWorker = z.infer<typeof modelWorker>;

export const modelWorkerRevealFields = ['residentId', 'bankAccount'] as const;
export const revealModelWorkerBody = z.object({
  field: z.enum(modelWorkerRevealFields, { error: '请选择要查看的信息' }),
  reason: requiredText('查看原因', 2, 200),
});
export type RevealModelWorkerBody = z.infer<typeof revealModelWorkerBody>;
export const revealedModelWorker = z.object({
  field: z.enum(modelWorkerRevealFields),
  value: z.string().nullable(),
});
