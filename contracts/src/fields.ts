import { z } from 'zod';

/**
 * The field schemas the modules' contracts share, each naming its field in its messages: text, record
 * ids (in a body and in a query) and dates. A module's `*-fields.ts` re-exports them beside its own.
 */
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
