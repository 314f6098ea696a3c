import { useCallback, useEffect, useState } from 'react';
import { apiRequest, withQuery } from './api-client';

type Page<T> = { items: T[]; page: number; pageSize: number; total: number };
export type AllPagesState<T> = { status: 'loading' | 'error' | 'ok'; items: T[] | undefined; total: number; error?: Error; reload: () => void };

const PAGE_SIZE = 500;

/** Loads every page of a list endpoint (500 rows a request) so a grid can window through all of it; null path = wait. */
export function useAllPages<T>(path: string | null, query: Record<string, string | undefined> = {}, language?: string): AllPagesState<T> {
  const [state, setState] = useState<Omit<AllPagesState<T>, 'reload'>>({ status: 'loading', items: undefined, total: 0 });
  const [version, setVersion] = useState(0);
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, status: 'loading', error: undefined }));
    (async () => {
      const items: T[] = [];
      let total = 0;
      for (let page = 1; ; page++) {
        const result = await apiRequest<Page<T>>(withQuery(path, { ...JSON.parse(queryKey), page, pageSize: PAGE_SIZE }), { signal: controller.signal });
        items.push(...result.items);
        total = result.total;
        if (items.length >= total || result.items.length === 0) break;
      }
      setState({ status: 'ok', items, total });
    })().catch((error: Error) => {
      if (error.name !== 'AbortError') setState((s) => ({ ...s, status: 'error', error }));
    });
    return () => controller.abort();
  }, [path, queryKey, version, language]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
