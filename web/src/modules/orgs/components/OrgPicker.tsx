import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import type { OrgSearchHit } from '@gonghui/contracts';
import { useDebounced } from '../../../shared/useDebounced.ts';
import { useOrgSearch } from '../api/orgs.ts';
import { OrgHitLabel } from './OrgHitLabel.tsx';

export interface KnownOrg {
  id: number;
  name: string;
}

interface CommonProps {
  asOf: string;
  /** Units the form already knows, so their names show before any search. */
  known?: KnownOrg[];
  /** Units that may not be chosen (the unit itself when choosing its new parent). */
  excludeIds?: number[];
  placeholder?: string;
  testId?: string;
  id?: string;
  /** Fixed width, e.g. among a list's filters; fills its container when left out. */
  width?: number;
}

interface SingleProps extends CommonProps {
  multiple?: false;
  value?: number | null;
  onChange?: (value: number | null) => void;
}

interface MultipleProps extends CommonProps {
  multiple: true;
  value?: number[];
  onChange?: (value: number[]) => void;
}

type OrgPickerProps = SingleProps | MultipleProps;

/** A form control that chooses one or several units by searching, for use inside Form.Item. */
export function OrgPicker(props: OrgPickerProps) {
  const { asOf, known = [], excludeIds = [], placeholder, testId, id } = props;
  const [text, setText] = useState('');
  const term = useDebounced(text.trim(), 250);
  const search = useOrgSearch(term, asOf);
  const [picked, setPicked] = useState<Map<number, string>>(() => new Map());

  const hits: OrgSearchHit[] = useMemo(
    () => (term ? (search.data ?? []) : []).filter((hit) => !excludeIds.includes(hit.id)),
    [term, search.data, excludeIds],
  );

  const selectedIds: number[] = props.multiple
    ? (props.value ?? [])
    : props.value !== undefined && props.value !== null
      ? [props.value]
      : [];

  const nameOf = (orgId: number): string =>
    picked.get(orgId) ?? known.find((unit) => unit.id === orgId)?.name ?? `组织 #${orgId}`;

  const options = [
    ...hits.map((hit) => ({ value: hit.id, label: <OrgHitLabel hit={hit} />, title: hit.name })),
    ...selectedIds
      .filter((orgId) => !hits.some((hit) => hit.id === orgId))
      .map((orgId) => ({ value: orgId, label: nameOf(orgId), title: nameOf(orgId) })),
  ];

  const remember = (ids: number[]) => {
    const next = new Map(picked);
    for (const orgId of ids) {
      const hit = hits.find((candidate) => candidate.id === orgId);
      if (hit) next.set(orgId, hit.name);
    }
    setPicked(next);
  };

  const common = {
    id,
    'data-testid': testId,
    showSearch: { filterOption: false, onSearch: setText, searchValue: text },
    options,
    optionLabelProp: 'title',
    placeholder: placeholder ?? '输入名称或拼音首字母搜索',
    notFoundContent: search.isFetching ? (
      <Spin size="small" />
    ) : term ? (
      '未找到匹配的组织'
    ) : (
      '请输入名称或拼音首字母'
    ),
    allowClear: true,
    style: { width: props.width ?? '100%' },
    popupMatchSelectWidth: false,
  };

  if (props.multiple) {
    const { onChange } = props;
    return (
      <Select<number[]>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(value) => {
          remember(value);
          setText('');
          onChange?.(value);
        }}
      />
    );
  }
  const { onChange } = props;
  return (
    <Select<number>
      {...common}
      value={props.value ?? undefined}
      onChange={(value: number | undefined) => {
        remember(value === undefined ? [] : [value]);
        setText('');
        onChange?.(value ?? null);
      }}
    />
  );
}
