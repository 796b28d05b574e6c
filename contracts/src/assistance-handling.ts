import { z } from 'zod';
import { caseTypes } from './assistance-types.ts';

// ——— A handler's register entry and the cases it was given (经办人及其指派记录) ———

/** One assignment of a case to the handler: from when, until when (null: still theirs). */
export const handlerAssignment = z.object({
  caseId: z.number().int(),
  caseNumber: z.string(),
  caseType: z.enum(caseTypes),
  subject: z.string(),
  closed: z.boolean(),
  from: z.string(),
  to: z.string().nullable(),
});
export type HandlerAssignment = z.infer<typeof handlerAssignment>;

// ——— Statutory clocks per case type (办理时限) ———

export const dayKinds = ['calendar', 'working'] as const;
export type DayKind = (typeof dayKinds)[number];
export const dayKindLabels: Record<DayKind, string> = { calendar: '自然日', working: '工作日' };

export const clockRule = z.object({
  type: z.enum(caseTypes),
  dayKind: z.enum(dayKinds),
  /** Days from receipt to the decision to accept; null: no such limit. */
  acceptDays: z.number().int().nullable(),
  /** Days to handle the case, from acceptance (or from receipt when `handleFromReceipt`). */
  handleDays: z.number().int().nullable(),
  handleFromReceipt: z.boolean(),
  /** The longest single extension; 0: none allowed. */
  extensionMaxDays: z.number().int(),
});
export type ClockRule = z.infer<typeof clockRule>;
const limit = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(1, `${label}至少 1 天`)
    .max(365, `${label}最多 365 天`)
    .nullable();
export const updateClockRuleBody = z.object({
  dayKind: z.enum(dayKinds, { error: '请选择按自然日或工作日计算' }),
  acceptDays: limit('受理期限'),
  handleDays: limit('办理期限'),
  handleFromReceipt: z.boolean({ error: '请选择办理期限起算点' }),
  extensionMaxDays: z
    .number({ error: '最长延期应为数字' })
    .int('最长延期应为整数')
    .min(0, '最长延期不能为负')
    .max(365, '最长延期最多 365 天'),
});
export type UpdateClockRuleBody = z.infer<typeof updateClockRuleBody>;
export const caseTypeParam = z.object({ type: z.enum(caseTypes, { error: '案件类型不正确' }) });
