import { AppError, invalid } from '../http/errors.ts';

/** The spreadsheet formats every import reads. */
export type SheetFormat = 'csv' | 'xlsx';

/** What a user is told when the file is neither .xlsx nor .csv. */
export const SHEET_FORMAT_MESSAGE = '只能导入 .xlsx 或 .csv 文件（旧版 .xls 请先另存为 .xlsx）';

/** The format a file's name announces, or null. */
export function sheetFormatOf(fileName: string): SheetFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

/** The file's format, or a 400 naming `field` when it is not one an import reads. */
export function requireSheetFormat(fileName: string, field: string): SheetFormat {
  const format = sheetFormatOf(fileName);
  if (!format) throw invalid([{ field, message: SHEET_FORMAT_MESSAGE }]);
  return format;
}

/** A raised error about a file that cannot be read as the import's template: one line of its report. */
export class ImportFileError extends Error {}

/** How large an upload may be, and what the uploader is told past it. */
export interface UploadLimit {
  maxBytes: number;
  /** e.g. 文件过大：名册文件最大 512 MB，请分成几个文件导入 */
  tooLarge: string;
}

const EMPTY = () => invalid([{ field: 'file', message: '上传的文件是空的' }]);

/** The body's chunks as they arrive; a 413 as soon as they pass the limit. */
export async function* cappedChunks(body: AsyncIterable<Buffer>, limit: UploadLimit): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', limit.tooLarge);
    yield chunk;
  }
}

/** A small upload read whole; empty or too large files are refused. */
export async function readUpload(body: AsyncIterable<Buffer>, limit: UploadLimit): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of cappedChunks(body, limit)) parts.push(chunk);
  const content = Buffer.concat(parts);
  if (content.length === 0) throw EMPTY();
  return content;
}

/**
 * A large upload stored as it arrives, in pieces of about `chunkBytes` handed to `store` in order, so the
 * file is never held whole. The file's size; empty or too large files are refused (the caller drops what
 * was stored).
 */
export async function storeUpload(
  body: AsyncIterable<Buffer>,
  limit: UploadLimit & { chunkBytes: number },
  store: (seq: number, content: Buffer) => Promise<void>,
): Promise<number> {
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    await store(seq++, Buffer.concat(pending));
    pending = [];
    pendingBytes = 0;
  };
  for await (const chunk of cappedChunks(body, limit)) {
    size += chunk.length;
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= limit.chunkBytes) await flush();
  }
  await flush();
  if (size === 0) throw EMPTY();
  return size;
}
