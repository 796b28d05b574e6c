import { useCallback, useMemo } from 'react';
import { useUrlParams } from '../useUrlParams.ts';
import {
  readListState,
  writeListState,
  type FilterSpec,
  type FiltersOf,
  type ListSpec,
  type ListState,
} from './listParams.ts';

export interface ListControls<S extends FilterSpec, Sort extends string> extends ListState<S, Sort> {
  spec: ListSpec<S, Sort>;
  /** Applies new filters (查询) and goes back to the first page. */
  setFilters(filters: FiltersOf<S>): void;
  /** Clears filters, sort and page (重置). */
  reset(): void;
  setPage(page: number, pageSize: number): void;
  setSort(sort: Sort, order: 'asc' | 'desc'): void;
}

/**
 * A list's filters, sort and page kept in the address bar; `spec` must be a module-level constant.
 * Every change is a new history entry, so the browser's back button returns to the previous view.
 */
export function useListState<S extends FilterSpec, Sort extends string>(
  spec: ListSpec<S, Sort>,
): ListControls<S, Sort> {
  const [params, updateParams] = useUrlParams();
  const key = params.toString();
  const state = useMemo(() => readListState(spec, new URLSearchParams(key)), [spec, key]);

  const update = useCallback(
    (change: Partial<ListState<S, Sort>>) =>
      updateParams((current) =>
        writeListState(spec, { ...readListState(spec, current), ...change }, current),
      ),
    [spec, updateParams],
  );

  return {
    ...state,
    spec,
    setFilters: (filters) => update({ filters, page: 1 }),
    reset: () =>
      update({
        filters: {},
        page: 1,
        sort: spec.defaultSort,
        order: spec.defaultOrder ?? 'asc',
      }),
    setPage: (page, pageSize) => update({ page: pageSize !== state.pageSize ? 1 : page, pageSize }),
    setSort: (sort, order) => update({ sort, order, page: 1 }),
  };
}
