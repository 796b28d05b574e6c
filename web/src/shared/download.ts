import type { ExportJob, ExportStarted } from '@gonghui/contracts';
import { ApiError, apiUrl } from '../api/client.ts';

export type QueryValue = string | number | boolean | null | undefined;

/** How far a download has come: the server has answered once `received` is a number. */
export interface DownloadProgress {
  received: number;
  /** The file's size when the server says it, else null. */
  size: number | null;
}

/** The file name the server gave (RFC 5987 filename*), or the fallback. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (!match) return fallback;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return fallback;
  }
}

/** The response's body, reporting each chunk as it arrives. */
async function readBody(
  response: Response,
  onProgress?: (progress: DownloadProgress) => void,
): Promise<Blob> {
  const declared = Number(response.headers.get('content-length'));
  const size = Number.isFinite(declared) && declared > 0 ? declared : null;
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  if (!onProgress || !response.body) return response.blob();
  onProgress({ received: 0, size });
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress({ received, size });
  }
  return new Blob(chunks, { type });
}

/** What an export request gave: the file, saved under its name, or the background job writing it. */
export type ExportResult = { kind: 'saved'; fileName: string } | { kind: 'job'; job: ExportJob };

/**
 * Asks for an export: a file is saved under the server's file name; a large export answers 202 with
 * the job that writes it. A refused export throws the server's message instead of leaving the page.
 */
export async function requestExport(
  path: string,
  query: Record<string, QueryValue>,
  fallbackName: string,
  onProgress?: (progress: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<ExportResult> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    let message = `导出失败（${response.status}）`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // The body was not JSON; the status says enough.
    }
    throw new ApiError(response.status, 'BAD_REQUEST', message);
  }
  if (response.status === 202) return { kind: 'job', job: ((await response.json()) as ExportStarted).job };
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await readBody(response, onProgress));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { kind: 'saved', fileName: name };
}

/** Fetches a file (an export job's, an error report) and saves it under the server's file name. */
export async function downloadExport(
  path: string,
  query: Record<string, QueryValue>,
  fallbackName: string,
  onProgress?: (progress: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  const result = await requestExport(path, query, fallbackName, onProgress, signal);
  if (result.kind === 'job') throw new ApiError(202, 'BAD_REQUEST', '文件尚未生成，请稍候再下载');
  return result.fileName;
}
