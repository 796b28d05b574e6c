import { z } from 'zod';

/** The field schemas the campaign contracts share (the common ones under the campaign's names). */
export {
  requiredText as campaignText,
  optionalText as campaignOptionalText,
  recordId as campaignId,
  queryId as campaignQueryId,
  date as campaignDate,
} from './fields.ts';

/** A count of people or things: a whole number, never negative. */
export const campaignCount = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(10_000_000, `${label}过大`);
/** A code of the configured lists (event types, outputs): lower-case letters and underscores. */
export const campaignCode = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .trim()
    .min(1, `请选择${label}`)
    .max(40, `${label}代码过长`)
    .regex(/^[a-z][a-z0-9_]*$/, `${label}代码只能由小写字母、数字和下划线组成`);
