import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from './api-client';

export type ApiState<T> =
  | { status: 'loading'; data: T | undefined; error: undefined }
  | { status: 'error'; data: T | undefined; error: Error }
  | { status: 'ok'; data: T; error: undefined };

/** GETs `path` (null = wait) and re-fetches when it changes or `reload()` is called; keeps the last data while reloading. */
export function useApi<T>(path: string | null, language?: string): ApiState<T> & { reload: () => void } {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading', data: undefined, error: undefined });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data, error: undefined }));
    apiRequest<T>(path, { signal: controller.signal }).then(
      (data) => setState({ status: 'ok', data, error: undefined }),
      (error: Error) => {
        if (error.name !== 'AbortError') setState((s) => ({ status: 'error', data: s.data, error }));
      },
    );
    return () => controller.abort();
  }, [path, version, language]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
