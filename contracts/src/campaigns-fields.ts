import { z } from 'zod';

/** The field schemas the campaign contracts share, each naming its field in its messages. */
export const campaignText = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `${label}至少 ${min} 个字`)
    .max(max, `${label}最多 ${max} 个字`);
export const campaignOptionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
export const campaignId = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .positive(`${label}应为正整数`)
    .max(2147483647, `${label}过大`);
export const campaignQueryId = (label: string) =>
  z.coerce
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .positive(`${label}应为正整数`)
    .max(2147483647, `${label}过大`);
export const campaignDate = (label: string) =>
  z.iso.date({ error: `${label}格式应为 YYYY-MM-DD，例如 2011-09-30` });
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
