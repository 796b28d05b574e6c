import { z } from 'zod';

/**
 * A list export of more rows than this is written by a background job with its progress shown; one of
 * this many rows or fewer is answered with the file at once.
 */
export const EXPORT_INLINE_ROWS = 2000;

/** Days an export job's file is kept; older ones are removed when a new one starts. */
export const EXPORT_KEEP_DAYS = 7;

export const exportJobStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type ExportJobStatus = (typeof exportJobStatuses)[number];

/** An export written by a background job: its progress, then its file at `/api/exports/{id}/file`. */
export const exportJob = z.object({
  id: z.number().int(),
  status: z.enum(exportJobStatuses),
  /** Rows written so far, and how many the filters matched when the job began. */
  progress: z.number().int(),
  total: z.number().int().nullable(),
  fileName: z.string(),
  sizeBytes: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportJob = z.infer<typeof exportJob>;

/** What a list's export answers when the file is too large to send at once (HTTP 202). */
export const exportStarted = z.object({ job: exportJob });
export type ExportStarted = z.infer<typeof exportStarted>;
