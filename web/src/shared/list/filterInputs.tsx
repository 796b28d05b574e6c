import { DatePicker, Select } from 'antd';
import dayjs from 'dayjs';

/** A date filter whose value is the ISO date (2011-09-30), as the address bar holds it. */
export function DateFilter({
  value,
  onChange,
  placeholder,
  testId,
  width = 150,
}: {
  value?: string;
  onChange?(value: string | undefined): void;
  placeholder: string;
  testId: string;
  width?: number;
}) {
  return (
    <DatePicker
      style={{ width }}
      placeholder={placeholder}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      data-testid={testId}
    />
  );
}

/** A yes / no filter; empty means either. */
export function YesNoFilter({
  value,
  onChange,
  placeholder,
  yes,
  no,
  testId,
  width = 150,
}: {
  value?: boolean;
  onChange?(value: boolean | undefined): void;
  placeholder: string;
  yes: string;
  no: string;
  testId: string;
  width?: number;
}) {
  return (
    <Select<'true' | 'false'>
      allowClear
      style={{ width }}
      placeholder={placeholder}
      options={[
        { value: 'true', label: yes },
        { value: 'false', label: no },
      ]}
      value={value === undefined ? undefined : value ? 'true' : 'false'}
      onChange={(v?: 'true' | 'false') => onChange?.(v === undefined ? undefined : v === 'true')}
      data-testid={testId}
    />
  );
}
