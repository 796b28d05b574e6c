import { describe, expect, test } from 'vitest';
import {
  booleanFilter,
  dateFilter,
  idFilter,
  oneOfFilter,
  readListState,
  textFilter,
  writeListState,
} from './listParams.ts';

const spec = {
  filters: {
    q: textFilter(10),
    kind: oneOfFilter(['a', 'b'] as const),
    wage: booleanFilter,
    on: dateFilter,
    unit: idFilter,
  },
  sorts: ['name', 'startsOn'] as const,
  defaultSort: 'startsOn' as const,
  defaultOrder: 'desc' as const,
};

describe('a list state in the address bar', () => {
  test('reads back what it wrote, leaving defaults out and keeping foreign parameters', () => {
    const state = {
      filters: { q: '华盛', kind: 'b' as const, wage: false, on: '2024-02-29', unit: 42 },
      sort: 'name' as const,
      order: 'asc' as const,
      page: 3,
      pageSize: 50,
    };
    const written = writeListState(spec, state, new URLSearchParams('asOf=2011-09-30&page=9'));
    expect(written.get('asOf')).toBe('2011-09-30');
    expect(readListState(spec, written)).toEqual(state);
    const defaults = writeListState(
      spec,
      { filters: {}, sort: 'startsOn', order: 'desc', page: 1, pageSize: 20 },
      new URLSearchParams('q=x&sort=name'),
    );
    expect(defaults.toString()).toBe('');
  });

  test('ignores anything malformed', () => {
    const state = readListState(
      spec,
      new URLSearchParams(
        'q=%20%20&kind=c&wage=yes&on=2023-02-29&unit=0&sort=drop&order=up&page=-1&pageSize=100000',
      ),
    );
    expect(state).toEqual({ filters: {}, sort: 'startsOn', order: 'desc', page: 1, pageSize: 20 });
    expect(readListState(spec, new URLSearchParams('q=一二三四五六七八九十十一')).filters.q).toBe(
      '一二三四五六七八九十',
    );
    expect(readListState(spec, new URLSearchParams('unit=99999999999')).filters.unit).toBeUndefined();
  });
});
