import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Page } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * How far a list counts its rows: past this the total reads "10,000+" (`totalCapped`). Counting every
 * row of a city-wide list costs more than the page itself, and no one pages that far.
 */
export const TOTAL_CAP = 10_000;

/**
 * A name search stops counting sooner: past 1,000 matches it reads "1,000+". A search is for finding one
 * record, and counting ten thousand matches of a common character such as 王 cost more than ten pages.
 */
export const SEARCH_TOTAL_CAP = 1_000;

export type SortOrder = 'asc' | 'desc';

/** Page number and size as a list query gives them (`pageQuery`). */
export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface PageWindow {
  limit: number;
  offset: number;
}

export function pageWindow(p: PageRequest): PageWindow {
  return { limit: p.pageSize, offset: (p.page - 1) * p.pageSize };
}

/**
 * A list's sort: the column the caller chose (by its key in `columns`), then the unique `tieBreak`, so
 * every page is a stable slice. The tie-break follows the chosen order, so one index on (column, tie-break)
 * serves the sort either way.
 */
export interface ListSort<K extends string> {
  columns: Readonly<Record<K, string>>;
  key: K;
  order: SortOrder;
  tieBreak: string;
}

/** The ORDER BY of a list as (column, direction) pairs, the tie-break last. */
export function sortTerms<K extends string>(s: ListSort<K>): Array<readonly [string, SortOrder]> {
  const terms: Array<readonly [string, SortOrder]> = [[s.columns[s.key], s.order]];
  if (s.columns[s.key] !== s.tieBreak) terms.push([s.tieBreak, s.order]);
  return terms;
}

/**
 * How the total is found: `capped` (the default) counts up to `TOTAL_CAP` and says whether there are
 * more; `exact` counts every row (lists that stay small by nature); a function gives a total known without
 * counting, such as the kept per-unit tallies.
 */
export type TotalRule = 'capped' | 'exact' | { known: () => Promise<number> };

export interface ListSpec<
  DB,
  TB extends keyof DB,
  O,
  CDB = DB,
  CTB extends keyof CDB = keyof CDB,
  CO = unknown,
> {
  /** The filtered rows with their columns: scope and filters applied, not yet ordered or paged. */
  rows: SelectQueryBuilder<DB, TB, O>;
  /** The sort, the tie-break last (`sortTerms`). */
  orderBy: ReadonlyArray<readonly [string, SortOrder]>;
  page: PageRequest;
  total?: TotalRule;
  /** The cap of a capped total: `TOTAL_CAP`, `SEARCH_TOTAL_CAP` for a name search, smaller in a test. */
  cap?: number;
  /**
   * The same rows in a cheaper form for the count alone, when the list knows one (e.g. without the joins
   * that only fetch the page's columns, where the scope holds the whole tree).
   */
  counted?: SelectQueryBuilder<CDB, CTB, CO>;
  /**
   * The page's rows are found by this unique column alone first, then read whole: sorting a wide row
   * for each of ten thousand members costs more than sorting their ids from an index.
   */
  pageKey?: string;
}

export interface ListResult<T> extends Page<T> {
  totalCapped: boolean;
}

/**
 * The one way a list is read: filter (the caller's query) → sort → page → total. The page and the total
 * are two statements; the total stops at the cap unless the list says otherwise.
 */
export async function listPage<
  DB,
  TB extends keyof DB,
  O,
  CDB = DB,
  CTB extends keyof CDB = keyof CDB,
  CO = unknown,
>(db: Db, spec: ListSpec<DB, TB, O, CDB, CTB, CO>): Promise<ListResult<O>> {
  const { limit, offset } = pageWindow(spec.page);
  const rule = spec.total ?? 'capped';
  const cap = spec.cap ?? TOTAL_CAP;
  const [items, counted] = await Promise.all([
    pageRows(spec, limit, offset),
    spec.counted ? countRows(db, spec.counted, rule, cap) : countRows(db, spec.rows, rule, cap),
  ]);
  // A page that ends before the cap tells the exact total by itself.
  const total =
    counted.capped && items.length > 0 && items.length < limit
      ? { n: offset + items.length, capped: false }
      : counted;
  return {
    items: items as O[],
    total: total.n,
    totalCapped: total.capped,
    page: spec.page.page,
    pageSize: spec.page.pageSize,
  };
}

function pageRows<DB, TB extends keyof DB, O>(
  spec: Pick<ListSpec<DB, TB, O>, 'rows' | 'orderBy' | 'pageKey'>,
  limit: number,
  offset: number,
): Promise<O[]> {
  if (!spec.pageKey) return ordered(spec.rows, spec.orderBy).limit(limit).offset(offset).execute();
  const key = sql.ref(spec.pageKey);
  const keys = ordered(spec.rows.clearSelect().select(key.as('page_key')), spec.orderBy)
    .limit(limit)
    .offset(offset);
  return ordered(spec.rows.where(sql<boolean>`${key} in (${keys})`), spec.orderBy).execute();
}

function ordered<DB, TB extends keyof DB, O>(
  rows: SelectQueryBuilder<DB, TB, O>,
  orderBy: ReadonlyArray<readonly [string, SortOrder]>,
) {
  let q = rows.clearOrderBy();
  for (const [column, direction] of orderBy) q = q.orderBy(sql.ref(column), direction);
  return q;
}

/**
 * Counts the rows of a filtered query: all of them, or up to `cap` (then `capped` says there are more).
 * The capped count takes any `cap + 1` rows, so the planner reads them the cheapest way it knows; read in
 * the list's order instead, a common search had to sort every match first.
 */
export async function countRows<DB, TB extends keyof DB, O>(
  db: Db,
  rows: SelectQueryBuilder<DB, TB, O>,
  rule: TotalRule = 'capped',
  cap = TOTAL_CAP,
): Promise<{ n: number; capped: boolean }> {
  if (typeof rule === 'object') return { n: await rule.known(), capped: false };
  const bare = rows
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`1`.as('one'));
  if (rule === 'exact') {
    const r = await sql<{ n: number }>`select count(*)::int as n from (${bare}) as counted`.execute(db);
    return { n: r.rows[0].n, capped: false };
  }
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from (${bare.limit(cap + 1)}) as counted`.execute(db);
  const n = r.rows[0].n;
  return n > cap ? { n: cap, capped: true } : { n, capped: false };
}
