import { ApiError, apiUrl } from '../../../api/client.ts';

type QueryValue = string | number | boolean | null | undefined;

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

/**
 * Fetches an export and saves it under the server's file name; a refused export throws the
 * server's message instead of leaving the page.
 */
export async function downloadExport(
  path: string,
  query: Record<string, QueryValue>,
  fallbackName: string,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { credentials: 'same-origin' });
  } catch {
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
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
