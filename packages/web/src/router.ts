import { useEffect, useState } from 'react';

export type Route = { page: string; params: URLSearchParams };

/** Hash routes (`#/mrp?item=FG-1`): they work behind any static server and keep the back button. */
export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = text.split('?');
  return { page: path || 'dashboard', params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(globalThis.location?.hash ?? ''));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(globalThis.location.hash));
    globalThis.addEventListener('hashchange', onChange);
    return () => globalThis.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function hrefOf(page: string, params?: Record<string, string>): string {
  const query = params ? new URLSearchParams(params).toString() : '';
  return `#/${page}${query ? `?${query}` : ''}`;
}

export function navigate(page: string, params?: Record<string, string>): void {
  globalThis.location.hash = hrefOf(page, params);
}
