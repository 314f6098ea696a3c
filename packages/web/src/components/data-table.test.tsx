// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../i18n/i18n-context';
import { DataTable, gridColumns } from './data-table';

type Row = { id: string; quantity: number };
const col = gridColumns<Row>();
const columns = col.columns([col.accessor('id', { header: 'Id' }), col.accessor('quantity', { header: 'Qty', cell: (c) => `${c.getValue()} u` })]);
const rows: Row[] = Array.from({ length: 5000 }, (_, i) => ({ id: `R${i}`, quantity: i }));

afterEach(cleanup);

describe('DataTable', () => {
  it('renders only the rows in view of a 5,000-row list (windowing) and keeps the full row count for assistive tech', () => {
    render(<I18nProvider language="en"><DataTable rows={rows} columns={columns} getRowId={(r) => r.id} caption="rows" rowHeightPx={28} maxHeightPx={280} /></I18nProvider>);
    const bodyRows = screen.getAllByRole('row').filter((r) => r.getAttribute('data-index') !== null);
    // 10 visible rows + 8 overscan below (at the top there is nothing above)
    expect(bodyRows.length).toBeLessThan(40);
    expect(bodyRows.length).toBeGreaterThanOrEqual(10);
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('5001');
    expect(screen.getByText('R0')).toBeTruthy();
    expect(screen.queryByText('R4999')).toBeNull();
  });

  it('shows later rows after scrolling', () => {
    const { container } = render(<I18nProvider language="en"><DataTable rows={rows} columns={columns} getRowId={(r) => r.id} caption="rows" rowHeightPx={28} maxHeightPx={280} /></I18nProvider>);
    const scroller = container.querySelector('.grid-scroll') as HTMLDivElement;
    scroller.scrollTop = 28 * 4000;
    fireEvent.scroll(scroller);
    expect(screen.getByText('R4000')).toBeTruthy();
    expect(screen.queryByText('R0')).toBeNull();
  });

  it('selects rows with checkboxes, skips rows that cannot be selected, and activates a row with Enter', () => {
    const onChange = vi.fn();
    const onActivate = vi.fn();
    const small = rows.slice(0, 3);
    render(<I18nProvider language="en"><DataTable rows={small} columns={columns} getRowId={(r) => r.id} caption="rows" onRowActivate={onActivate}
      selection={{ selected: new Set(), onChange, isSelectable: (r) => r.id !== 'R1', label: (r) => `select ${r.id}`, allLabel: 'all' }} /></I18nProvider>);
    fireEvent.click(screen.getByLabelText('all'));
    expect([...onChange.mock.calls[0]![0]]).toEqual(['R0', 'R2']);
    expect((screen.getByLabelText('select R1') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('select R2'));
    expect([...onChange.mock.calls[1]![0]]).toEqual(['R2']);
    const row = screen.getByText('R2').closest('tr')!;
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(onActivate).toHaveBeenCalledWith(small[2]);
    expect(screen.getByText('2 u')).toBeTruthy();
  });
});
