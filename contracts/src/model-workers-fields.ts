import { z } from 'zod';

/** The field schemas the model-worker contracts share, each naming its field in its messages. */
export const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
export const requiredText = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `${label}至少 ${min} 个字`)
    .max(max, `${label}最多 ${max} 个字`);
export const recordId = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .positive(`${label}应为正整数`)
    .max(2147483647, `${label}过大`);
export const queryId = (label: string) =>
  z.coerce
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .positive(`${label}应为正整数`)
    .max(2147483647, `${label}过大`);
export const date = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD，例如 2011-09-30` });
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
