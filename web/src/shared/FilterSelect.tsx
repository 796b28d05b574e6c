import { Select } from 'antd';

interface FilterSelectProps<V extends string> {
  placeholder: string;
  options: ReadonlyArray<{ value: V; label: string }>;
  value?: V;
  onChange?(value: V | undefined): void;
  testId: string;
  /** Fixed width inside an inline filter form; fills its column when left out. */
  width?: number;
}

/** A clearable filter above a list: empty means "any". */
export function FilterSelect<V extends string>({
  placeholder,
  options,
  value,
  onChange,
  testId,
  width,
}: FilterSelectProps<V>) {
  return (
    <Select<V>
      allowClear
      style={{ width: width ?? '100%' }}
      placeholder={placeholder}
      options={options as Array<{ value: V; label: string }>}
      value={value}
      onChange={(v?: V) => onChange?.(v)}
      data-testid={testId}
    />
  );
}
