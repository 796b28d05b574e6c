import dayjs from 'dayjs';

const countFormat = new Intl.NumberFormat('zh-CN');

/** 12345 → 12,345 */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return countFormat.format(value);
}

/** A calendar date as 2011-09-30. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : value;
}

/** A calendar date as 2011年9月30日. */
export function formatDateLong(value: string | null | undefined): string {
  if (!value) return '—';
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY年M月D日') : value;
}

/** A moment as 2011-09-30 14:05:09 in local time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm:ss') : value;
}

export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return dayjs(value).format('YYYY-MM-DD') === value;
}
