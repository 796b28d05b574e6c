import { useState } from 'react';
import { Select, Space, Typography } from 'antd';
import type { Employer } from '@gonghui/contracts';
import { formatCount } from '../../../shared/format.ts';
import { useDebounced } from '../../../shared/useDebounced.ts';
import { useEmployerList } from '../../employers/api/employers.ts';

interface EmployerSearchSelectProps {
  multiple: boolean;
  value?: number[];
  onChange?: (value: number[]) => void;
  /** Called with the employers chosen, so a form can fill in what follows from them. */
  onPick?: (employers: Employer[]) => void;
  /** Searches only under this union's territory. */
  orgUnitId?: number;
  /** Employers already covered: listed, but not selectable. */
  excludeIds?: number[];
  testId: string;
  id?: string;
}

/** Finds open employers in the user's scope by name, initials or credit code; the value is always a list of ids. */
export function EmployerSearchSelect(props: EmployerSearchSelectProps) {
  const { multiple, value, onChange, onPick, orgUnitId, excludeIds = [], testId, id } = props;
  const [search, setSearch] = useState('');
  const [seen, setSeen] = useState<Map<number, Employer>>(new Map());
  const q = useDebounced(search.trim());
  const found = useEmployerList({ q, orgUnitId, sort: 'name', order: 'asc', page: 1, pageSize: 20 });
  const items = found.data?.items ?? [];
  const excluded = new Set(excludeIds);
  const options = items.map((e) => ({
    value: e.id,
    disabled: excluded.has(e.id),
    name: e.name,
    label: (
      <Space size={6} data-testid={`${testId}-option`}>
        <span>{e.name}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.orgUnitName} · {formatCount(e.employees)} 人{excluded.has(e.id) ? ' · 已覆盖' : ''}
        </Typography.Text>
      </Space>
    ),
  }));
  // Chosen employers keep their names while the search shows others.
  for (const chosen of value ?? []) {
    const e = seen.get(chosen);
    if (e && !items.some((i) => i.id === chosen))
      options.push({ value: e.id, disabled: false, name: e.name, label: <span>{e.name}</span> });
  }
  const change = (ids: number[]) => {
    const known = new Map(seen);
    for (const e of items) if (ids.includes(e.id)) known.set(e.id, e);
    setSeen(known);
    onChange?.(ids);
    onPick?.(ids.map((i) => known.get(i)).filter((e): e is Employer => e !== undefined));
  };
  return (
    <Select<number | number[]>
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder="输入单位名称、拼音首字母或信用代码搜索"
      loading={found.isFetching}
      options={options}
      optionLabelProp="name"
      notFoundContent={found.isFetching ? '正在查找…' : '没有找到单位'}
      value={multiple ? value : value?.[0]}
      onChange={(v?: number | number[]) => change(v === undefined ? [] : Array.isArray(v) ? v : [v])}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
