// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { setCsrfToken } from '../api/api-client';
import { AsRole, stubApi } from '../testing/stub-api';
import { CountingPage } from './counting-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const figures = { linesCounted: 0, linesAccurate: 0, linesExact: 0, accuracy: null, exactAccuracy: null };
const group = { lines: 0, linesWithVariance: 0, linesOutsideTolerance: 0, netVarianceValueEur: 0, absoluteVarianceValueEur: 0, netVarianceQuantity: 0 };
const header = { countNumber: 'CNT-1', locationCode: 'WH-PAR', countDate: '2026-11-24', status: 'open', planNumber: null, startedAt: '2026-11-24T08:00:00Z', closedAt: null, approvedBy: null, lineCount: 2, linesCounted: 0, linesToRecount: 0 };
const line = (lineNumber: number, itemCode: string, status: string) => ({ lineNumber, binCode: `A-0${lineNumber}`, itemCode, itemName: `Item ${itemCode}`, uomCode: 'EA', lotNumber: '', status });

/** The counting API of one open count whose second line falls outside tolerance on its first count. */
function countingApi() {
  let statuses = ['to_count', 'to_count'];
  return stubApi(({ method, path, body }) => {
    if (path.startsWith('/api/v1/counting/counts?')) return [200, { items: [header], page: 1, pageSize: 500, total: 1 }];
    if (path === '/api/v1/counting/accuracy') return [200, { from: null, to: null, overall: figures, byClass: {}, byMonth: [] }];
    if (path === '/api/v1/counting/variances') return [200, { from: null, to: null, overall: group, byClass: {}, byCause: {} }];
    if (path === '/api/v1/counting/counts/CNT-1/sheet') return [200, { ...header, lines: [line(1, 'FG-1', statuses[0]!), line(2, 'FG-2', statuses[1]!)] }];
    if (method === 'POST' && path === '/api/v1/counting/counts/CNT-1/entries') {
      const lines = (body as { lines: { itemCode: string }[] }).lines;
      if (statuses[1] === 'to_count') {
        statuses = ['counted', 'recount'];
        return [200, { countNumber: 'CNT-1', linesEntered: lines.length, linesRemaining: 0, linesToRecount: [{ lineNumber: 2, binCode: 'A-02', itemCode: 'FG-2', lotNumber: '' }] }];
      }
      statuses = ['counted', 'recounted'];
      return [200, { countNumber: 'CNT-1', linesEntered: lines.length, linesRemaining: 0, linesToRecount: [] }];
    }
    if (method === 'POST' && path === '/api/v1/counting/counts/CNT-1/close') {
      const variance = (lineNumber: number, itemCode: string, expected: number, counted: number, first: number | null) => ({
        lineNumber, itemCode, lotNumber: '', binCode: `A-0${lineNumber}`, abcClass: 'A', snapshotQuantity: expected, movementsDuringCountQuantity: 0, expectedQuantity: expected,
        firstCountQuantity: first, countedQuantity: counted, varianceQuantity: counted - expected, unitCostEur: 2, varianceValueEur: (counted - expected) * 2,
        withinTolerance: counted === expected, causeCode: counted === expected ? null : 'damage', adjustmentMovementId: counted === expected ? null : 'mv-1',
      });
      return [200, {
        countNumber: 'CNT-1', status: 'closed', dryRun: (body as { dryRun: boolean }).dryRun, adjustmentsPosted: 1,
        lines: [variance(1, 'FG-1', 10, 10, null), variance(2, 'FG-2', 12, 5, 7)],
        summary: { overall: { ...group, lines: 2, linesWithVariance: 1, linesOutsideTolerance: 1, netVarianceValueEur: -14, absoluteVarianceValueEur: 14 }, byClass: {}, byCause: {} }, accuracy: figures,
      }];
    }
    return undefined;
  });
}

describe('Counting page', () => {
  it('enters a blind count (no book quantity shown), recounts the line outside tolerance, then approves: variances posted', async () => {
    const calls = countingApi();
    setCsrfToken('csrf-x');
    render(<AsRole role="warehouse"><CountingPage /></AsRole>);
    fireEvent.click(within(await screen.findByTestId('counts')).getByText('CNT-1'));
    const sheet = await screen.findByTestId('count-sheet');
    // blind: the sheet has no book or expected column, only what to count and where
    expect(within(sheet).queryByText('Book')).toBeNull();
    expect(within(sheet).getByText('A-01')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Counted quantity, line 1 (FG-1, lot —)'), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText('Counted quantity, line 2 (FG-2, lot —)'), { target: { value: '7' } });
    fireEvent.change(screen.getByLabelText('Cause, line 2'), { target: { value: 'damage' } });
    fireEvent.click(screen.getByTestId('count-save'));
    expect((await screen.findByTestId('count-message')).textContent).toBe('2 line(s) saved, 0 left. Outside tolerance, count again: line(s) 2 (FG-2).');
    const first = calls.find((c) => c.method === 'POST' && c.path.endsWith('/entries'))!;
    expect(first.body).toEqual({ lines: [{ itemCode: 'FG-1', countedQuantity: '10' }, { itemCode: 'FG-2', countedQuantity: '7', causeCode: 'damage' }] });
    expect(first.headers['x-csrf-token']).toBe('csrf-x');
    // only the recount line is left to enter
    await waitFor(() => expect(screen.queryByLabelText('Counted quantity, line 1 (FG-1, lot —)')).toBeNull());
    expect((screen.getByTestId('only-recount') as HTMLInputElement).checked).toBe(true);
    fireEvent.change(await screen.findByLabelText('Counted quantity, line 2 (FG-2, lot —)'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('count-save'));
    fireEvent.click(await screen.findByTestId('count-approve'));
    const variances = await screen.findByTestId('count-variances');
    expect(within(variances).getByText('Book')).toBeTruthy();
    expect(within(variances).getByText('Variances posted (1 adjustment(s))')).toBeTruthy();
    expect(screen.getByTestId('count-message').textContent).toBe('Count CNT-1 closed: 1 adjustment(s) posted to stock.');
    const entries = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/entries'));
    expect(entries[1]!.body).toEqual({ lines: [{ itemCode: 'FG-2', countedQuantity: '5' }] });
    expect(calls.find((c) => c.path.endsWith('/close'))!.body).toEqual({ dryRun: false });
  });

  it('creates a count plan and starts a count from it, opening the new sheet', async () => {
    const calls = stubApi(({ method, path }) => {
      if (path.startsWith('/api/v1/counting/counts?')) return [200, { items: [], page: 1, pageSize: 500, total: 0 }];
      if (path === '/api/v1/counting/accuracy') return [200, { from: null, to: null, overall: figures, byClass: {}, byMonth: [] }];
      if (path === '/api/v1/counting/variances') return [200, { from: null, to: null, overall: group, byClass: {}, byCause: {} }];
      if (method === 'POST' && path === '/api/v1/counting/plans') return [201, { planNumber: 'CP-7', fromDate: '2026-12-01', toDate: '2027-11-30', lineCount: 40, classes: { A: { stockPoints: 2, countsPerYear: 12, cycleMonths: 1, countsPlanned: 24 } }, usageWindow: { fromDate: '2025-12-01', toDate: '2026-11-30' }, usageSources: {}, itemsWithoutStockPoint: [] }];
      if (method === 'POST' && path === '/api/v1/counting/counts') return [201, { ...header, countNumber: 'CNT-9', planNumber: 'CP-7', lines: [line(1, 'FG-1', 'to_count')] }];
      if (path === '/api/v1/counting/counts/CNT-9/sheet') return [200, { ...header, countNumber: 'CNT-9', planNumber: 'CP-7', lines: [line(1, 'FG-1', 'to_count')] }];
      return undefined;
    });
    render(<AsRole role="warehouse"><CountingPage /></AsRole>);
    const planForm = await screen.findByRole('form', { name: 'Plan the counts' });
    fireEvent.change(within(planForm).getByLabelText('From'), { target: { value: '2026-12-01' } });
    fireEvent.change(within(planForm).getByLabelText('Location'), { target: { value: 'WH-PAR' } });
    fireEvent.click(screen.getByTestId('count-plan-submit'));
    expect((await screen.findByTestId('count-plan-result')).textContent).toContain('Plan CP-7: 40 counts scheduled');
    expect(calls.find((c) => c.path === '/api/v1/counting/plans')!.body).toEqual({ fromDate: '2026-12-01', months: 12, locationCode: 'WH-PAR' });
    const startForm = screen.getByRole('form', { name: 'Start a count (count sheet)' });
    expect((within(startForm).getByLabelText('Plan') as HTMLInputElement).value).toBe('CP-7');
    fireEvent.change(screen.getByTestId('count-location'), { target: { value: 'WH-PAR' } });
    fireEvent.change(within(startForm).getByLabelText('Date'), { target: { value: '2026-12-01' } });
    fireEvent.click(screen.getByTestId('count-start-submit'));
    expect(await screen.findByText('Count sheet CNT-9')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/counting/counts')!.body).toEqual({ locationCode: 'WH-PAR', countDate: '2026-12-01', planNumber: 'CP-7' });
  });

  it('plans only chosen items (found by search, pasted), starts a count of pasted items; the server names unknown codes', async () => {
    const calls = stubApi(({ method, path, body }) => {
      if (path.startsWith('/api/v1/counting/counts?')) return [200, { items: [], page: 1, pageSize: 500, total: 0 }];
      if (path === '/api/v1/counting/accuracy') return [200, { from: null, to: null, overall: figures, byClass: {}, byMonth: [] }];
      if (path === '/api/v1/counting/variances') return [200, { from: null, to: null, overall: group, byClass: {}, byCause: {} }];
      if (path === '/api/v1/items?search=gear&pageSize=20') return [200, { items: [{ code: 'FG-2', name: 'Gear' }, { code: 'FG-3', name: 'Gear XL' }], page: 1, pageSize: 20, total: 2 }];
      if (method === 'POST' && path === '/api/v1/counting/plans') {
        return [201, { planNumber: 'CP-8', fromDate: '2026-12-01', toDate: '2026-12-31', lineCount: 2, classes: { A: { stockPoints: 2, countsPerYear: 12, cycleMonths: 1, countsPlanned: 2 } }, usageWindow: { fromDate: '2025-12-01', toDate: '2026-11-30' }, usageSources: {}, itemsWithoutStockPoint: ['RM-9'] }];
      }
      if (method === 'POST' && path === '/api/v1/counting/counts') {
        const codes = (body as { itemCodes?: string[] }).itemCodes ?? [];
        if (codes.includes('NOPE')) return [404, { error: { code: 'not_found', message: 'Item NOPE does not exist: check the code.' } }];
        return [201, { ...header, countNumber: 'CNT-10', lines: codes.map((c, i) => line(i + 1, c, 'to_count')) }];
      }
      if (path === '/api/v1/counting/counts/CNT-10/sheet') return [200, { ...header, countNumber: 'CNT-10', lines: [line(1, 'FG-1', 'to_count')] }];
      return undefined;
    });
    render(<AsRole role="warehouse"><CountingPage /></AsRole>);
    const planForm = await screen.findByRole('form', { name: 'Plan the counts' });
    expect(within(planForm).getByText(/No item chosen: every stock point is planned/)).toBeTruthy();
    fireEvent.change(within(planForm).getByLabelText('Find an item'), { target: { value: 'gear' } });
    fireEvent.click(await within(planForm).findByRole('button', { name: 'Add FG-2 (Gear)' }));
    fireEvent.change(within(planForm).getByLabelText('or paste codes'), { target: { value: 'FG-1\nRM-9; FG-2\n' } });
    fireEvent.click(within(planForm).getByRole('button', { name: 'Add the codes' }));
    expect(screen.getByTestId('plan-items-count').textContent).toBe('3 item(s) chosen:');
    // a chosen item is removed with its chip; the search hit already chosen cannot be added twice
    fireEvent.click(within(planForm).getByRole('button', { name: 'Remove FG-1' }));
    expect((within(planForm).getByRole('button', { name: 'Add FG-2 (Gear)' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('count-plan-submit'));
    expect((await screen.findByTestId('count-plan-result')).textContent).toBe('Plan CP-8: 2 counts scheduled from 2026-12-01 to 2026-12-31 (class A: 2 stock points, 2 counts). Not planned, no stock point there: RM-9.');
    expect(calls.find((c) => c.path === '/api/v1/counting/plans')!.body).toEqual({ fromDate: expect.any(String), months: 12, itemCodes: ['FG-2', 'RM-9'] });

    // start: chosen items replace the plan (its field is disabled and not sent)
    const startForm = screen.getByRole('form', { name: 'Start a count (count sheet)' });
    fireEvent.change(screen.getByTestId('count-location'), { target: { value: 'WH-PAR' } });
    fireEvent.change(within(startForm).getByLabelText('or paste codes'), { target: { value: 'FG-1, NOPE' } });
    fireEvent.click(within(startForm).getByRole('button', { name: 'Add the codes' }));
    expect((within(startForm).getByLabelText('Plan') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('count-start-submit'));
    expect((await within(startForm.parentElement!).findByRole('alert')).textContent).toBe('Item NOPE does not exist: check the code.');
    fireEvent.click(within(startForm).getByRole('button', { name: 'Remove NOPE' }));
    fireEvent.click(screen.getByTestId('count-start-submit'));
    expect(await screen.findByText('Count sheet CNT-10')).toBeTruthy();
    const starts = calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/counting/counts');
    expect(starts.map((c) => c.body)).toEqual([
      { locationCode: 'WH-PAR', countDate: expect.any(String), itemCodes: ['FG-1', 'NOPE'] },
      { locationCode: 'WH-PAR', countDate: expect.any(String), itemCodes: ['FG-1'] },
    ]);
  });

  it('shows no entry form to a viewer', async () => {
    countingApi();
    render(<AsRole role="viewer"><CountingPage /></AsRole>);
    fireEvent.click(within(await screen.findByTestId('counts')).getByText('CNT-1'));
    await screen.findByTestId('count-sheet');
    expect(screen.queryByRole('form', { name: 'Plan the counts' })).toBeNull();
    expect(screen.queryByTestId('count-save')).toBeNull();
  });
});
