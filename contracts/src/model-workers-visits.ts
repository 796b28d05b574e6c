import { z } from 'zod';
import { pageQuery } from './common.ts';
import { modelWorkerLevels, modelWorkerStatuses } from './model-workers-registry.ts';
import {
  booleanQuery,
  date,
  fen,
  optionalText,
  queryId,
  recordId,
  requiredText,
} from './model-workers-fields.ts';

// ——— Visits (慰问) ———

/** Who a cycle's recipient list is drawn from in the registry (the living, within the unit's subtree). */
export const visitDraw = z.object({
  status: z.enum(['working', 'retired'], { error: '在职状态不正确' }).nullable().optional(),
  level: z.enum(modelWorkerLevels, { error: '荣誉级别不正确' }).nullable().optional(),
  hardshipOnly: z.boolean({ error: '是否只含困难劳模应为是或否' }).optional(),
});
export type VisitDraw = z.infer<typeof visitDraw>;

export const createVisitCycleBody = z.object({
  orgUnitId: recordId('慰问单位编号'),
  title: requiredText('慰问活动名称', 2, 60),
  occasion: requiredText('节日或事由', 2, 20),
  startsOn: date('开始日期'),
  endsOn: date('结束日期'),
  gift: optionalText('慰问品', 100),
  amountFen: fen('慰问金').nullable().optional(),
  draw: visitDraw.default({}),
});
export type CreateVisitCycleBody = z.infer<typeof createVisitCycleBody>;

export const visitCycle = z.object({
  id: z.number().int(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  title: z.string(),
  occasion: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  gift: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  draw: visitDraw,
  recipients: z.number().int(),
  done: z.number().int(),
  createdAt: z.string(),
});
export type VisitCycle = z.infer<typeof visitCycle>;
export const visitCycleFilterQuery = z.object({
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
  from: z.iso.date({ error: '起始日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ error: '截止日期格式应为 YYYY-MM-DD' }).optional(),
  orgUnitId: queryId('慰问单位编号').optional(),
});
export type VisitCycleFilter = z.infer<typeof visitCycleFilterQuery>;
export const listVisitCyclesQuery = pageQuery.extend(visitCycleFilterQuery.shape);
export type ListVisitCyclesQuery = z.infer<typeof listVisitCyclesQuery>;

export const visit = z.object({
  workerId: z.number().int(),
  name: z.string(),
  orgUnitName: z.string(),
  level: z.enum(modelWorkerLevels),
  status: z.enum(modelWorkerStatuses),
  hardship: z.boolean(),
  done: z.boolean(),
  visitedBy: z.string().nullable(),
  visitedOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type Visit = z.infer<typeof visit>;
export const visitFilterQuery = z.object({
  done: booleanQuery('是否已慰问'),
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
});
export type VisitFilter = z.infer<typeof visitFilterQuery>;
export const listVisitsQuery = pageQuery.extend(visitFilterQuery.shape);
export type ListVisitsQuery = z.infer<typeof listVisitsQuery>;
export const visitParams = z.object({ id: queryId('慰问活动编号'), workerId: queryId('劳动模范编号') });

export const recordVisitBody = z.object({
  done: z.boolean({ error: '请选择是否已慰问' }),
  visitedBy: optionalText('慰问人', 60),
  visitedOn: date('慰问日期').nullable().optional(),
  note: optionalText('情况记录', 200),
});
export type RecordVisitBody = z.infer<typeof recordVisitBody>;

export const visitFiguresQuery = z.object({
  from: z.iso.date({ error: '起始日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ error: '截止日期格式应为 YYYY-MM-DD' }).optional(),
  status: z.enum(modelWorkerStatuses, { error: '在职状态不正确' }).optional(),
  orgUnitId: queryId('单位编号').optional(),
});
export type VisitFiguresQuery = z.infer<typeof visitFiguresQuery>;
export const visitFigures = z.object({
  /** Distinct model workers visited (done) in cycles of the period. */
  visited: z.number().int(),
  /** Of the recipients drawn, those not yet visited. */
  pending: z.number().int(),
  cycles: z.number().int(),
  /** The figure told as a bulletin tells it. */
  sentence: z.string(),
});
export type VisitFigures = z.infer<typeof visitFigures>;
