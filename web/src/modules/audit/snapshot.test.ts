import { describe, expect, test } from 'vitest';
import { diffRows, flattenSnapshot, hasSharedKeys } from './snapshot.ts';

describe('audit snapshots', () => {
  test('nested arrays get numbered, readable labels and enum values their Chinese names', () => {
    const fields = flattenSnapshot({ sources: [{ name: '平江区总工会', level: 'county', path: '/1/11/' }] });
    expect(fields).toEqual([
      { key: 'sources.0.name', label: '被合并组织 1 › 名称', value: '平江区总工会' },
      { key: 'sources.0.level', label: '被合并组织 1 › 层级', value: '区县级' },
    ]);
  });

  test('a rename marks only the name as changed', () => {
    const rows = diffRows(
      { name: '旧名', validFrom: '2001-01-01' },
      { name: '新名', validFrom: '2001-01-01' },
    );
    expect(rows.filter((row) => row.changed).map((row) => row.key)).toEqual(['name']);
  });

  test('a merge has no shared fields, so it is shown as two snapshots', () => {
    expect(hasSharedKeys({ sources: [] }, { target: {}, date: '2012-10-26' })).toBe(false);
    expect(hasSharedKeys({ name: 'a' }, { name: 'b' })).toBe(true);
    expect(hasSharedKeys(null, { name: 'b' })).toBe(false);
  });

  test('booleans read 是/否 and null reads as nothing', () => {
    expect(flattenSnapshot({ active: false, lockedUntil: null })).toEqual([
      { key: 'active', label: '启用', value: '否' },
      { key: 'lockedUntil', label: '锁定至', value: null },
    ]);
  });
});
