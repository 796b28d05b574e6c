import { z } from 'zod';
import { importModes } from './employers.ts';

// ——— The registry's import from .xlsx (劳动模范名册导入) ———

export const modelWorkerImportQuery = z.object({
  fileName: z
    .string({ error: '请提供文件名' })
    .trim()
    .min(1, '请提供文件名')
    .max(200, '文件名最多 200 个字')
    .regex(/\.xlsx$/i, '只能导入 .xlsx 文件（旧版 .xls 请先另存为 .xlsx）'),
  mode: z.enum(importModes, { error: '请选择导入方式' }),
});
export type ModelWorkerImportQuery = z.infer<typeof modelWorkerImportQuery>;

/** What an import of the registry did: every row checked, then all applied, only the valid ones, or none. */
export const modelWorkerImportResult = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mode: z.enum(importModes),
  /** Data rows read (the template's example row not counted). */
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows with errors, listed in the error report. */
  invalid: z.number().int(),
  applied: z.boolean(),
  /** Why the file as a whole could not be read, or null. */
  message: z.string().nullable(),
  hasReport: z.boolean(),
});
export type ModelWorkerImportResult = z.infer<typeof modelWorkerImportResult>;
