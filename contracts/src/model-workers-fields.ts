import { z } from 'zod';

/** The field schemas the model-worker contracts share, each naming its field in its messages. */
export { optionalText, requiredText, recordId, queryId, date } from './fields.ts';
export const year = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(1950, `${label}不能早于 1950 年`)
    .max(2100, `${label}不能晚于 2100 年`);
export const queryYear = (label: string) =>
  z.coerce
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(1950, `${label}不能早于 1950 年`)
    .max(2100, `${label}不能晚于 2100 年`);
/** Money in fen: at most one million yuan. */
export const fen = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}最多两位小数（以分计）`)
    .min(1, `${label}应大于 0`)
    .max(100_000_000, `${label}过大`);
export const booleanQuery = (label: string) =>
  z
    .enum(['true', 'false'], { error: `${label}应为 true 或 false` })
    .transform((v) => v === 'true')
    .optional();
