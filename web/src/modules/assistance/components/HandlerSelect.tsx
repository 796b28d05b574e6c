import { useState } from 'react';
import { Select } from 'antd';
import { handlerKindLabels, type HandlerKind } from '@gonghui/contracts';
import { useDebounced } from '../../../shared/useDebounced.ts';
import { useHandlers } from '../api/handling.ts';

/** Chooses a handler of the user's territory by name, for use inside Form.Item. */
export function HandlerSelect({
  value,
  onChange,
  excludeId,
  kind,
  testId,
  placeholder = '输入姓名查找经办人',
}: {
  value?: number;
  onChange?(v: number | undefined): void;
  excludeId?: number;
  /** Only handlers of this kind (the lawyer of a legal-aid case). */
  kind?: HandlerKind;
  testId: string;
  placeholder?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const found = useHandlers({ q, kind, page: 1, pageSize: 50 });
  const options = (found.data?.items ?? [])
    .filter((h) => h.id !== excludeId)
    .map((h) => ({
      value: h.id,
      label: `${h.name}（${handlerKindLabels[h.kind]}，${h.orgUnitName}，在办 ${h.openCases} 件）`,
    }));
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={found.isFetching}
      placeholder={placeholder}
      notFoundContent={found.isFetching ? '查找中…' : '没有符合的经办人'}
      data-testid={testId}
    />
  );
}
