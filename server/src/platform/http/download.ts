/** The media type of the .xlsx files Gonghui sends. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Content-Disposition for a download with a Chinese file name: the UTF-8 name (RFC 6266 / RFC 5987) and
 * a plain ASCII fallback, with the same extension, for clients that read only `filename`.
 */
export function attachment(name: string): string {
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  return `attachment; filename="download${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
