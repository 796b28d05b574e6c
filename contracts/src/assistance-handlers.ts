import { z } from 'zod';
import { pageQuery } from './common.ts';
import { date, id, optionalText, requiredText } from './assistance-fields.ts';
import { caseTypes } from './assistance-types.ts';
import { handlerAssignment } from './assistance-handling.ts';
import { assistanceGiven } from './assistance-hardship.ts';
import { assistanceCase, handlerKinds } from './assistance-cases.ts';

/** The handler register (people who handle cases, with or without an account) and a worker's timeline. */
export const handlerFilterQuery = z.object({
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
  kind: z.enum(handlerKinds, { error: '经办人类别不正确' }).optional(),
});
export const listHandlersQuery = pageQuery.extend(handlerFilterQuery.shape);
export type ListHandlersQuery = z.infer<typeof listHandlersQuery>;

export const createHandlerBody = z.object({
  name: requiredText('姓名', 2, 30),
  kind: z.enum(handlerKinds, { error: '请选择经办人类别' }),
  orgUnitId: id('所属单位编号'),
  /** A staff member with an account is linked to it. */
  userId: id('账号编号').nullable().optional(),
  organisation: optionalText('所在机构', 60),
});
export type CreateHandlerBody = z.infer<typeof createHandlerBody>;

export const caseHandler = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(handlerKinds),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  userId: z.number().int().nullable(),
  organisation: z.string().nullable(),
  openCases: z.number().int(),
});
export type CaseHandler = z.infer<typeof caseHandler>;
/** A handler's register entry with every case given to them that the caller sees, newest first. */
export const handlerDetail = caseHandler.extend({ assignments: z.array(handlerAssignment) });
export type HandlerDetail = z.infer<typeof handlerDetail>;

export const reassignBody = z.object({
  toHandlerId: id('接手经办人编号'),
  /** Only these cases; none given: every open case of the handler the caller may act on. */
  caseIds: z.array(id('案件编号')).max(1000, '一次最多 1000 件').optional(),
  reason: requiredText('改派原因', 2, 500),
});
export type ReassignBody = z.infer<typeof reassignBody>;
export const reassignResult = z.object({ moved: z.number().int(), caseIds: z.array(z.number().int()) });
export type ReassignResult = z.infer<typeof reassignResult>;

export const workerTimelineQuery = z.object({
  type: z.enum(caseTypes, { error: '案件类型不正确' }).optional(),
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
});
export type WorkerTimelineQuery = z.infer<typeof workerTimelineQuery>;
export const workerTimeline = z.object({
  workerId: z.number().int(),
  workerName: z.string(),
  cases: z.array(assistanceCase),
  /** Help recorded against these cases (money, goods, services), newest first. */
  assistance: z.array(assistanceGiven),
});
export type WorkerTimeline = z.infer<typeof workerTimeline>;
