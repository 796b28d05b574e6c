import { useState } from 'react';
import { AutoComplete, Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { OrgSearchHit } from '@gonghui/contracts';
import { useDebounced } from '../../../shared/useDebounced.ts';
import { useOrgSearch } from '../api/orgs.ts';
import { OrgHitLabel } from './OrgHitLabel.tsx';

interface OrgSearchBoxProps {
  asOf: string;
  onPick(hit: OrgSearchHit): void;
}

/** Finds a unit by name or pinyin initials (dbz → 董浜镇) within the user's scope. */
export function OrgSearchBox({ asOf, onPick }: OrgSearchBoxProps) {
  const [text, setText] = useState('');
  const term = useDebounced(text.trim(), 250);
  const search = useOrgSearch(term, asOf);
  const hits = term ? (search.data ?? []) : [];
  const settled = term !== '' && term === text.trim() && !search.isFetching;

  return (
    <div data-testid="org-search">
      <AutoComplete
        value={text}
        onChange={(value: string) => setText(value)}
        onSelect={(value: string) => {
          const hit = hits.find((candidate) => String(candidate.id) === value);
          if (hit) {
            setText(hit.name);
            onPick(hit);
          }
        }}
        options={hits.map((hit) => ({ value: String(hit.id), label: <OrgHitLabel hit={hit} /> }))}
        notFoundContent={
          settled ? <span data-testid="org-search-empty">在您的管辖范围内未找到匹配的组织</span> : null
        }
        popupMatchSelectWidth={360}
        style={{ width: '100%' }}
      >
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder="搜索组织名称或拼音首字母，如 dbz"
          data-testid="org-search-input"
          maxLength={50}
        />
      </AutoComplete>
    </div>
  );
}
