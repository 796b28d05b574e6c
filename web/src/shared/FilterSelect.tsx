import { Select } from 'antd';

interface FilterSelectProps<V extends string> {
  placeholder: string;
  options: ReadonlyArray<{ value: V; label: string }>;
  value: V | undefined;
  onChange(value: V | undefined): void;
  testId: string;
}

/** A clearable filter above a list: empty means "any". */
export function FilterSelect<V extends string>({
  placeholder,
  options,
  value,
  onChange,
  testId,
}: FilterSelectProps<V>) {
  return (
    <Select<V>
      allowClear
      style={{ width: '100%' }}
      placeholder={placeholder}
      options={options as Array<{ value: V; label: string }>}
      value={value}
      onChange={(v?: V) => onChange(v)}
      data-testid={testId}
    />
  );
}
