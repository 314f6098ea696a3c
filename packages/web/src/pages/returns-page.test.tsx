// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReturnOrder } from '@flowpilot/contract';
import { AsRole, stubApi } from '../testing/stub-api';
import { nextReturnStep } from './return-steps';
import { ReturnsPage } from './returns-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const authorized: ReturnOrder = {
  rmaNumber: 'RMA-1', customerCode: 'CUS-001', itemCode: 'FG-1', lotNumber: '', quantity: 3, reason: 'damaged', status: 'authorized', disposition: null,
  authorizedDate: '2026-11-20', receivedDate: null, locationCode: 'WH-PAR', inspectedDate: null, inspectionResult: null, inspectionNote: null, disposedDate: null, returnCostEur: 0, creditAmountEur: null,
};

describe('Returns page', () => {
  it('takes an authorised return through receive, inspect and dispose, posting each step', async () => {
    let order = authorized;
    const calls = stubApi(({ method, path, body }) => {
      if (path.startsWith('/api/v1/returns?')) return [200, { items: [order], page: 1, pageSize: 500, total: 1 }];
      if (path.startsWith('/api/v1/returns/report')) return [200, { from: '2026-01-01', to: '2026-11-24', by: 'reason', rows: [] }];
      const b = body as Record<string, unknown>;
      if (method === 'POST' && path === '/api/v1/returns/RMA-1/receive') order = { ...order, status: 'received', receivedDate: b.receivedDate as string, locationCode: (b.locationCode as string) ?? order.locationCode };
      else if (method === 'POST' && path === '/api/v1/returns/RMA-1/inspect') order = { ...order, status: 'inspected', inspectedDate: b.inspectedDate as string, inspectionResult: b.result as ReturnOrder['inspectionResult'], inspectionNote: (b.note as string) ?? null };
      else if (method === 'POST' && path === '/api/v1/returns/RMA-1/dispose') order = { ...order, status: 'closed', disposition: b.disposition as ReturnOrder['disposition'], disposedDate: b.disposedDate as string, returnCostEur: (b.returnCostEur as number) ?? 0, creditAmountEur: (b.creditAmountEur as number) ?? null };
      else return undefined;
      return [200, order];
    });
    render(<AsRole role="warehouse"><ReturnsPage /></AsRole>);
    fireEvent.click(within(await screen.findByTestId('returns')).getByText('RMA-1'));
    const receive = await screen.findByRole('form', { name: 'Receive (into quarantine)' });
    fireEvent.change(within(receive).getByLabelText('Received'), { target: { value: '2026-11-24' } });
    fireEvent.click(screen.getByTestId('return-receive'));
    expect((await screen.findByTestId('return-message')).textContent).toBe('Return RMA-1 received into quarantine.');
    const inspect = await screen.findByRole('form', { name: 'Record the inspection' });
    fireEvent.change(within(inspect).getByLabelText('Inspected'), { target: { value: '2026-11-24' } });
    fireEvent.change(screen.getByTestId('return-result'), { target: { value: 'repairable' } });
    fireEvent.change(within(inspect).getByLabelText('Note'), { target: { value: 'cracked housing' } });
    fireEvent.click(screen.getByTestId('return-inspect'));
    const dispose = await screen.findByRole('form', { name: 'Dispose and close' });
    fireEvent.change(screen.getByTestId('return-disposition'), { target: { value: 'refurbish' } });
    fireEvent.change(within(dispose).getByLabelText('Disposed'), { target: { value: '2026-11-24' } });
    fireEvent.change(within(dispose).getByLabelText('Handling cost (EUR)'), { target: { value: '12.5' } });
    fireEvent.change(within(dispose).getByLabelText('Credit'), { target: { value: '40' } });
    fireEvent.click(screen.getByTestId('return-dispose'));
    expect(await screen.findByText('Nothing left to do on this return.')).toBeTruthy();
    const posts = calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body]);
    expect(posts).toEqual([
      ['/api/v1/returns/RMA-1/receive', { receivedDate: '2026-11-24', locationCode: 'WH-PAR' }],
      ['/api/v1/returns/RMA-1/inspect', { inspectedDate: '2026-11-24', result: 'repairable', note: 'cracked housing' }],
      ['/api/v1/returns/RMA-1/dispose', { disposition: 'refurbish', disposedDate: '2026-11-24', returnCostEur: 12.5, creditAmountEur: 40 }],
    ]);
    expect(screen.getByTestId('return-detail').textContent).toContain('refurbish');
  });

  it('shows the server\'s message when a step is refused, and no step form to a viewer', async () => {
    stubApi(({ method, path }) => {
      if (path.startsWith('/api/v1/returns?')) return [200, { items: [authorized], page: 1, pageSize: 500, total: 1 }];
      if (path.startsWith('/api/v1/returns/report')) return [200, { from: '2026-01-01', to: '2026-11-24', by: 'reason', rows: [] }];
      if (method === 'POST') return [422, { error: { code: 'invalid_input', message: 'Location WH-X does not exist' } }];
      return undefined;
    });
    render(<AsRole role="warehouse"><ReturnsPage /></AsRole>);
    fireEvent.click(within(await screen.findByTestId('returns')).getByText('RMA-1'));
    fireEvent.click(await screen.findByTestId('return-receive'));
    expect((await screen.findByRole('alert')).textContent).toBe('Location WH-X does not exist');
    cleanup();
    render(<AsRole role="viewer"><ReturnsPage /></AsRole>);
    fireEvent.click(within(await screen.findByTestId('returns')).getByText('RMA-1'));
    expect(await screen.findByTestId('return-detail')).toBeTruthy();
    expect(screen.queryByTestId('return-receive')).toBeNull();
  });

  it('gives the next step of every status', () => {
    expect((['authorized', 'received', 'inspected', 'closed', 'cancelled'] as const).map(nextReturnStep)).toEqual(['receive', 'inspect', 'dispose', null, null]);
  });
});
