import { useCallback } from 'react';
import { useNavigate, useSearchParams, type NavigateOptions } from 'react-router';

/** Changes the query in place, or returns the query to go to instead. */
export type UrlParamsChange = (next: URLSearchParams) => URLSearchParams | void;

/**
 * The address bar's query, and a change that starts from the query as it is now.
 *
 * react-router's own functional update starts from the query of the last render. Under load the
 * router renders a navigation late, so two quick changes (a date, then an indicator card) would
 * start the second from a query without the first, and the date would be lost.
 */
export function useUrlParams(): [
  URLSearchParams,
  (change: UrlParamsChange, options?: NavigateOptions) => void,
] {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const update = useCallback(
    (change: UrlParamsChange, options?: NavigateOptions) => {
      const current = new URLSearchParams(window.location.search);
      const next = change(current) ?? current;
      navigate({ search: `?${next.toString()}` }, options);
    },
    [navigate],
  );
  return [params, update];
}
