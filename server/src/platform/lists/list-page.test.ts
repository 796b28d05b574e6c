import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import { createTestDatabase } from '../../../test/database.ts';
import { countRows, listPage, pageWindow, SEARCH_TOTAL_CAP, sortTerms, TOTAL_CAP } from './list-page.ts';

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDatabase();
  // 25 rows: k01 … k25, with values falling in groups of ten (0, 1, 2) so the sort has ties.
  await h.db
    .insertInto('setting')
    .values(
      Array.from({ length: 25 }, (_, i) => ({
        key: `k${String(i + 1).padStart(2, '0')}`,
        value: JSON.stringify(Math.floor(i / 10)),
      })),
    )
    .execute();
});
afterAll(() => h.close());

const rows = () => h.db.selectFrom('setting as s').select(['s.key', 's.value']).where('s.key', 'like', 'k%');
const keys = (items: Array<{ key: string }>) => items.map((r) => r.key);

describe('listPage', () => {
  it('turns a page number into a window', () => {
    expect(pageWindow({ page: 1, pageSize: 20 })).toEqual({ limit: 20, offset: 0 });
    expect(pageWindow({ page: 3, pageSize: 10 })).toEqual({ limit: 10, offset: 20 });
  });

  it('sorts by the chosen column, then the tie-break, both in the chosen order', () => {
    const columns = { value: 's.value', key: 's.key' } as const;
    expect(sortTerms({ columns, key: 'value', order: 'desc', tieBreak: 's.key' })).toEqual([
      ['s.value', 'desc'],
      ['s.key', 'desc'],
    ]);
    // Sorting by the tie-break itself names it once.
    expect(sortTerms({ columns, key: 'key', order: 'asc', tieBreak: 's.key' })).toEqual([['s.key', 'asc']]);
  });

  it('reads filter → sort → page → total, the pages being stable slices of one order', async () => {
    const orderBy = [
      ['s.value', 'desc'],
      ['s.key', 'asc'],
    ] as const;
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const p = await listPage(h.db, { rows: rows(), orderBy, page: { page, pageSize: 10 } });
      expect(p).toMatchObject({ total: 25, totalCapped: false, page, pageSize: 10 });
      seen.push(...keys(p.items));
    }
    expect(seen.slice(0, 5)).toEqual(['k21', 'k22', 'k23', 'k24', 'k25']);
    expect(seen.slice(5, 10)).toEqual(['k11', 'k12', 'k13', 'k14', 'k15']);
    expect(new Set(seen).size).toBe(25);
    const filtered = await listPage(h.db, {
      rows: rows().where('s.key', '<', 'k05'),
      orderBy,
      page: { page: 1, pageSize: 2 },
    });
    expect(keys(filtered.items)).toEqual(['k01', 'k02']);
    expect(filtered.total).toBe(4);
    const past = await listPage(h.db, { rows: rows(), orderBy, page: { page: 9, pageSize: 10 } });
    expect(past).toMatchObject({ items: [], total: 25, totalCapped: false });
  });

  it('stops counting at the cap and says so; an exact or known total is given as is', async () => {
    const orderBy = [['s.key', 'asc']] as const;
    const capped = await listPage(h.db, { rows: rows(), orderBy, page: { page: 1, pageSize: 5 }, cap: 20 });
    expect(capped).toMatchObject({ total: 20, totalCapped: true });
    expect(keys(capped.items)).toEqual(['k01', 'k02', 'k03', 'k04', 'k05']);
    // Exactly at the cap is not more than the cap.
    expect(await countRows(h.db, rows(), 'capped', 25)).toEqual({ n: 25, capped: false });
    // A last page shorter than the page size tells the whole total even past the cap.
    const last = await listPage(h.db, { rows: rows(), orderBy, page: { page: 3, pageSize: 10 }, cap: 20 });
    expect(last).toMatchObject({ total: 25, totalCapped: false });
    expect(keys(last.items)).toEqual(['k21', 'k22', 'k23', 'k24', 'k25']);
    const exact = await listPage(h.db, {
      rows: rows(),
      orderBy,
      page: { page: 1, pageSize: 5 },
      total: 'exact',
    });
    expect(exact).toMatchObject({ total: 25, totalCapped: false });
    const known = await listPage(h.db, {
      rows: rows(),
      orderBy,
      page: { page: 1, pageSize: 5 },
      total: { known: async () => 1234 },
    });
    expect(known).toMatchObject({ total: 1234, totalCapped: false });
    expect(TOTAL_CAP).toBe(10_000);
    expect(SEARCH_TOTAL_CAP).toBe(1_000);
  });

  it('counts from the cheaper form of the same rows when the list gives one, the page from its rows', async () => {
    const counted = h.db.selectFrom('setting').select('key').where('key', 'like', 'k1%');
    const p = await listPage(h.db, {
      rows: rows(),
      counted,
      orderBy: [['s.key', 'asc']],
      page: { page: 1, pageSize: 5 },
      cap: 5,
    });
    // k10 … k19: ten rows, counted up to the cap,, while the page shows the first five of all 25.
    expect(p).toMatchObject({ total: 5, totalCapped: true });
    expect(keys(p.items)).toEqual(['k01', 'k02', 'k03', 'k04', 'k05']);
  });
});
