/**
 * A list's state in the address bar: its filters, sort and page, so that a reload, a shared link or the
 * browser's back button shows the same rows. Anything malformed in the address is ignored.
 */

/** How one filter is read from and written to the address bar. */
export interface FilterCodec<T> {
  parse(raw: string | null): T | undefined;
  format(value: T): string;
}

export type FilterSpec = Record<string, FilterCodec<unknown>>;

/** The filters a spec describes; an absent filter means "any". */
export type FiltersOf<S extends FilterSpec> = {
  [K in keyof S]?: S[K] extends FilterCodec<infer T> ? T : never;
};

export interface ListState<S extends FilterSpec, Sort extends string> {
  filters: FiltersOf<S>;
  sort: Sort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface ListSpec<S extends FilterSpec, Sort extends string> {
  filters: S;
  sorts: readonly Sort[];
  defaultSort: Sort;
  defaultOrder?: 'asc' | 'desc';
  defaultPageSize?: number;
}

/** Free text, trimmed and cut to `max` characters. */
export function textFilter(max: number): FilterCodec<string> {
  return {
    parse: (raw) => {
      const value = raw?.trim().slice(0, max);
      return value ? value : undefined;
    },
    format: (value) => value,
  };
}

/** One of a fixed list of values. */
export function oneOfFilter<T extends string>(values: readonly T[]): FilterCodec<T> {
  return {
    parse: (raw) => (raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : undefined),
    format: (value) => value,
  };
}

/** Yes or no, written as true / false. */
export const booleanFilter: FilterCodec<boolean> = {
  parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined),
  format: (value) => String(value),
};

/** A record's number. */
export const idFilter: FilterCodec<number> = {
  parse: (raw) => {
    if (raw === null || !/^\d{1,10}$/.test(raw)) return undefined;
    const value = Number(raw);
    return value >= 1 && value <= 2147483647 ? value : undefined;
  },
  format: (value) => String(value),
};

/** A calendar date as 2011-09-30. */
export const dateFilter: FilterCodec<string> = {
  parse: (raw) => {
    if (raw === null || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
    const [y, m, d] = raw.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
      ? raw
      : undefined;
  },
  format: (value) => value,
};

function positiveInt(raw: string | null, fallback: number, max: number): number {
  if (raw === null || !/^\d{1,7}$/.test(raw)) return fallback;
  const parsed = Number(raw);
  return parsed >= 1 && parsed <= max ? parsed : fallback;
}

export const MAX_PAGE_SIZE = 200;
const reserved = ['sort', 'order', 'page', 'pageSize'];

/** The list's state from the address bar. */
export function readListState<S extends FilterSpec, Sort extends string>(
  spec: ListSpec<S, Sort>,
  params: URLSearchParams,
): ListState<S, Sort> {
  const filters: Record<string, unknown> = {};
  for (const [key, codec] of Object.entries(spec.filters)) {
    const value = codec.parse(params.get(key));
    if (value !== undefined) filters[key] = value;
  }
  const rawSort = params.get('sort');
  const sort = spec.sorts.find((s) => s === rawSort) ?? spec.defaultSort;
  const rawOrder = params.get('order');
  return {
    filters: filters as FiltersOf<S>,
    sort,
    order: rawOrder === 'asc' || rawOrder === 'desc' ? rawOrder : (spec.defaultOrder ?? 'asc'),
    page: positiveInt(params.get('page'), 1, 1_000_000),
    pageSize: positiveInt(params.get('pageSize'), spec.defaultPageSize ?? 20, MAX_PAGE_SIZE),
  };
}

/**
 * The address-bar form of a list's state, leaving out defaults and empty filters. Parameters the list
 * does not own (such as the header's "as of" date) are kept from `keep`.
 */
export function writeListState<S extends FilterSpec, Sort extends string>(
  spec: ListSpec<S, Sort>,
  state: ListState<S, Sort>,
  keep: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(keep);
  for (const key of [...Object.keys(spec.filters), ...reserved]) next.delete(key);
  for (const [key, codec] of Object.entries(spec.filters)) {
    const value = (state.filters as Record<string, unknown>)[key];
    if (value === undefined || value === null || value === '') continue;
    next.set(key, codec.format(value));
  }
  if (state.sort !== spec.defaultSort) next.set('sort', state.sort);
  if (state.order !== (spec.defaultOrder ?? 'asc')) next.set('order', state.order);
  if (state.page !== 1) next.set('page', String(state.page));
  if (state.pageSize !== (spec.defaultPageSize ?? 20)) next.set('pageSize', String(state.pageSize));
  return next;
}
