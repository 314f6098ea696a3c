import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, setApiLanguage, setCsrfToken, withQuery } from './api-client';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setApiLanguage('en');
});

function stubFetch(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('apiRequest', () => {
  it('sends the UI language, the CSRF token on writes only, and JSON', async () => {
    const fetchMock = stubFetch(200, { ok: true });
    setCsrfToken('csrf-1');
    setApiLanguage('fr');
    await apiRequest('/api/v1/x', { method: 'POST', body: { a: 1 } });
    await apiRequest('/api/v1/y');
    const [postPath, post] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    const [, get] = fetchMock.mock.calls[1] as unknown as [string, RequestInit];
    expect(postPath).toBe('/api/v1/x');
    expect(post.headers).toMatchObject({ 'x-csrf-token': 'csrf-1', 'accept-language': 'fr', 'content-type': 'application/json' });
    expect(post.body).toBe('{"a":1}');
    expect(post.credentials).toBe('same-origin');
    expect((get.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  it('throws the server\'s error code and message (already in the UI language)', async () => {
    stubFetch(422, { error: { code: 'invalid_input', message: 'ligne 3 : quantité négative', details: { row: 3 } } });
    const error = await apiRequest('/api/v1/x', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'invalid_input', message: 'ligne 3 : quantité négative', details: { row: 3 } });
  });

  it('builds query strings from defined values only', () => {
    expect(withQuery('/a', { page: 2, search: '', segment: undefined, method: 'abc' })).toBe('/a?page=2&method=abc');
    expect(withQuery('/a', {})).toBe('/a');
  });
});
