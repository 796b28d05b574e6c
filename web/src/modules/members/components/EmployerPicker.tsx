import { useState } from 'react';
import { Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Employer, Page } from '@gonghui/contracts';
import { apiGet } from '../../../api/client.ts';
import { useDebounced } from '../../../shared/useDebounced.ts';

interface EmployerPickerProps {
  /** The member's current employer, so its name shows before any search. */
  current: { id: number; name: string } | null;
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  testId?: string;
  /** Fixed width, e.g. among a list's filters; fills its container when left out. */
  width?: number;
  placeholder?: string;
}

/** Chooses an employer by name or credit code; the server only offers employers within the caller's scope. */
export function EmployerPicker({
  current,
  value,
  onChange,
  id,
  testId,
  width,
  placeholder = '输入单位名称或统一社会信用代码查找',
}: EmployerPickerProps) {
  const [text, setText] = useState('');
  const term = useDebounced(text.trim(), 250);
  const search = useQuery({
    queryKey: ['employers', 'pick', term],
    enabled: term !== '',
    queryFn: ({ signal }) => apiGet<Page<Employer>>('/employers', { q: term, pageSize: 20 }, signal),
  });
  const [picked, setPicked] = useState<Map<number, string>>(() => new Map());
  const hits = term ? (search.data?.items ?? []) : [];
  const nameOf = (employerId: number) =>
    picked.get(employerId) ?? (current?.id === employerId ? current.name : `单位 #${employerId}`);
  const options = [
    ...hits.map((e) => ({
      value: e.id,
      title: e.name,
      label: (
        <span data-testid="employer-option" data-employer-id={e.id}>
          {e.name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.creditCode} · {e.orgUnitName}
          </Typography.Text>
        </span>
      ),
    })),
    ...(value !== undefined && value !== null && !hits.some((e) => e.id === value)
      ? [{ value, title: nameOf(value), label: nameOf(value) }]
      : []),
  ];
  return (
    <Select<number>
      id={id}
      data-testid={testId}
      value={value ?? undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      optionLabelProp="title"
      placeholder={placeholder}
      notFoundContent={
        search.isFetching ? <Spin size="small" /> : term ? '管辖范围内没有匹配的单位' : '请输入单位名称或代码'
      }
      popupMatchSelectWidth={false}
      style={{ width: width ?? '100%' }}
      onChange={(next: number | undefined) => {
        const hit = hits.find((e) => e.id === next);
        if (hit) setPicked(new Map(picked).set(hit.id, hit.name));
        setText('');
        onChange?.(next ?? null);
      }}
    />
  );
}
