import { createContext, useContext, useEffect } from 'react';

/** Lets a detail page name itself in the layout's breadcrumb (set by AppLayout). */
export const PageTitleContext = createContext<(title: string | null) => void>(() => {});

/** Shows `title` as the last breadcrumb while the calling page is on screen; null or undefined shows none. */
export function usePageTitle(title: string | null | undefined): void {
  const setTitle = useContext(PageTitleContext);
  useEffect(() => {
    setTitle(title ?? null);
    return () => setTitle(null);
  }, [title, setTitle]);
}
