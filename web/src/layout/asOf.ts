import { useCallback } from 'react';
import { useUrlParams } from '../shared/useUrlParams.ts';
import { isIsoDate, todayIso } from '../shared/format.ts';

export interface AsOf {
  /** The date the page shows, YYYY-MM-DD. */
  asOf: string;
  /** True when no date was chosen (the page shows today). */
  isToday: boolean;
  setAsOf(date: string | null): void;
}

/** The "as of" date, kept in the address bar as ?asOf=YYYY-MM-DD so a view can be bookmarked and shared. */
export function useAsOf(): AsOf {
  const [params, updateParams] = useUrlParams();
  const raw = params.get('asOf');
  const today = todayIso();
  const chosen = isIsoDate(raw) ? raw : null;
  const setAsOf = useCallback(
    (date: string | null) => {
      updateParams((next) => {
        if (!date || date === todayIso()) next.delete('asOf');
        else next.set('asOf', date);
      });
    },
    [updateParams],
  );
  return { asOf: chosen ?? today, isToday: chosen === null || chosen === today, setAsOf };
}
