// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { stubApi } from '../testing/stub-api';
import { apiRequest } from './api-client';
import { errorMessageOf, useSubmit } from './use-submit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useSubmit', () => {
  it('is busy while the call runs, then shows the success message and resolves to the result', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const { result } = renderHook(() => useSubmit());
    let done!: Promise<number | undefined>;
    act(() => { done = result.current.run(async () => { await gate; return 7; }, { success: (n) => `saved ${n}` }); });
    expect(result.current.busy).toBe(true);
    expect(result.current.message).toBeNull();
    await act(async () => { release(); await done; });
    expect(await done).toBe(7);
    expect(result.current.busy).toBe(false);
    expect(result.current.message).toEqual({ tone: 'ok', text: 'saved 7' });
  });

  it('ignores a second submit while the first runs, even in the same tick (double click)', async () => {
    const work = vi.fn(async () => 'x');
    const { result } = renderHook(() => useSubmit());
    let outcomes: (string | undefined)[] = [];
    await act(async () => { outcomes = await Promise.all([result.current.run(work), result.current.run(work)]); });
    expect(work).toHaveBeenCalledTimes(1);
    expect(outcomes).toEqual(['x', undefined]);
    // once done, the next submit runs again
    await act(async () => { await result.current.run(work); });
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('shows the server\'s error message from its error body (with the issues when asked), never throws', async () => {
    stubApi(() => [422, { error: { code: 'count_refused', message: 'Count file refused.', details: { issues: [{ row: 2, message: 'row 2: negative' }, { row: 3, message: 'row 3: unknown item' }] } } }]);
    const { result } = renderHook(() => useSubmit());
    let outcome: unknown = 'not run';
    await act(async () => { outcome = await result.current.run(() => apiRequest('/api/v1/x', { method: 'POST', body: {} }), { success: () => 'never' }); });
    expect(outcome).toBeUndefined();
    expect(result.current.message).toEqual({ tone: 'error', text: 'Count file refused.' });
    await act(async () => { await result.current.run(() => apiRequest('/api/v1/x', { method: 'POST', body: {} }), { issues: true }); });
    await waitFor(() => expect(result.current.message?.text).toBe('Count file refused. row 2: negative · row 3: unknown item'));
    expect(result.current.busy).toBe(false);
  });

  it('clears the previous message when a new submit starts; setMessage shows a local check', async () => {
    const { result } = renderHook(() => useSubmit());
    act(() => result.current.setMessage({ tone: 'error', text: 'Enter a quantity.' }));
    expect(result.current.message?.text).toBe('Enter a quantity.');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let done!: Promise<unknown>;
    act(() => { done = result.current.run(() => gate); });
    expect(result.current.message).toBeNull();
    await act(async () => { release(); await done; });
    expect(result.current.message).toBeNull();
  });
});

describe('errorMessageOf', () => {
  it('gives the message of any error, and of a non-error value', () => {
    expect(errorMessageOf(new Error('boom'))).toBe('boom');
    expect(errorMessageOf('plain', { issues: true })).toBe('plain');
  });
});
