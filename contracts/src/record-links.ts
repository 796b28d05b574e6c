import { z } from 'zod';
import { idParam } from './common.ts';

/** A record of some module by its kind (the audit log's `entityType`, e.g. `assistance_case`) and id. */
export const recordRef = z.object({
  type: z
    .string({ error: '请填写记录类型' })
    .regex(/^[a-z][a-z_]{0,39}$/, '记录类型应为小写英文字母和下划线，最多 40 个字符'),
  id: idParam.shape.id,
});
export type RecordRefQuery = z.infer<typeof recordRef>;

/** One cross-reference of a record, as seen from it. */
export const recordLinkView = z.object({
  id: z.number().int(),
  other: z.object({ type: z.string(), id: z.number().int() }),
  /** What kind of record the other end is, in Chinese (e.g. 求助案件). */
  otherKind: z.string(),
  /** Its name as the audit log names it (a case by its number, a person masked), or null. */
  otherName: z.string().nullable(),
  /** `outgoing`: the record asked about made the reference (e.g. its referral); `incoming`: it received it. */
  direction: z.enum(['outgoing', 'incoming']),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type RecordLinkView = z.infer<typeof recordLinkView>;
export const recordLinkList = z.object({ items: z.array(recordLinkView) });
export type RecordLinkList = z.infer<typeof recordLinkList>;
