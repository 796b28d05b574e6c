import dayjs, { type Dayjs } from 'dayjs';

/**
 * Form.Item props that keep a date as 'YYYY-MM-DD' in the form values while a DatePicker edits it,
 * so the shared schemas validate exactly what is sent.
 */
export const isoDateItemProps = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'string' && value ? dayjs(value) : undefined,
  }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined),
};

/** Changes to the tree take effect today or earlier, never in the future. */
export function isAfterToday(value: Dayjs): boolean {
  return value.isAfter(dayjs(), 'day');
}
