import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createColumnHelper, tableFeatures, useTable, type ColumnDef, type RowData } from '@tanstack/react-table';

/** The table features every grid uses (core row model only: sorting and paging are done by the server). Module scope = stable. */
export const gridFeatures = tableFeatures({});
export type GridFeatures = typeof gridFeatures;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GridColumns<Row extends RowData> = ColumnDef<GridFeatures, Row, any>[];
/** Column helper for a row type: `const col = gridColumns<Row>(); col.accessor('itemCode', { header: … })`. */
export function gridColumns<Row extends RowData>() {
  return createColumnHelper<GridFeatures, Row>();
}

type Props<Row extends RowData> = {
  rows: Row[];
  columns: GridColumns<Row>;
  getRowId: (row: Row) => string;
  caption: string;
  /** Column ids aligned right (numbers). */
  numeric?: string[];
  rowHeightPx?: number;
  maxHeightPx?: number;
  /** Row selection with a checkbox column (ids from getRowId). */
  selection?: { selected: ReadonlySet<string>; onChange: (next: Set<string>) => void; isSelectable?: (row: Row) => boolean; label: (row: Row) => string; allLabel: string };
  onRowActivate?: (row: Row) => void;
  activeRowId?: string | null;
  rowClassName?: (row: Row) => string | undefined;
  testId?: string;
  footer?: ReactNode;
};

const OVERSCAN_ROWS = 8;

/**
 * A dense grid over TanStack Table v9 with its own row windowing: only the rows in view (plus a margin) are in the DOM,
 * so lists of thousands of rows scroll smoothly. Rows can be activated with Enter/Space and moved through with arrow keys.
 */
export function DataTable<Row extends RowData>({ rows, columns, getRowId, caption, numeric = [], rowHeightPx = 28, maxHeightPx = 520, selection, onRowActivate, activeRowId, rowClassName, testId, footer }: Props<Row>) {
  const table = useTable({ features: gridFeatures, columns, data: rows, getRowId: (row: Row) => getRowId(row) });
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const modelRows = table.getRowModel().rows;
  const viewportRows = Math.ceil(maxHeightPx / rowHeightPx);
  const first = Math.max(0, Math.floor(scrollTop / rowHeightPx) - OVERSCAN_ROWS);
  const last = Math.min(modelRows.length, first + viewportRows + 2 * OVERSCAN_ROWS);
  const numericSet = useMemo(() => new Set(numeric), [numeric]);
  const selectable = selection ? rows.filter((r) => selection.isSelectable?.(r) ?? true) : [];
  const allSelected = selection !== undefined && selectable.length > 0 && selectable.every((r) => selection.selected.has(getRowId(r)));

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: Row) => {
    if ((event.key === 'Enter' || event.key === ' ') && onRowActivate && event.target === event.currentTarget) {
      event.preventDefault();
      onRowActivate(row);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = index + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0 || next >= modelRows.length) return;
      const container = scroller.current;
      if (container) {
        const top = next * rowHeightPx;
        if (top < container.scrollTop + rowHeightPx) container.scrollTop = Math.max(0, top - rowHeightPx);
        else if (top > container.scrollTop + maxHeightPx - 3 * rowHeightPx) container.scrollTop = top - maxHeightPx + 3 * rowHeightPx;
      }
      requestAnimationFrame(() => container?.querySelector<HTMLElement>(`tr[data-index="${next}"]`)?.focus());
    }
  };

  return (
    <div className="grid-wrap" data-testid={testId}>
      <div className="grid-scroll" ref={scroller} style={{ maxHeight: maxHeightPx }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} tabIndex={-1}>
        <table className="grid" aria-rowcount={modelRows.length + 1}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {selection && (
                  <th className="select-cell">
                    <input type="checkbox" aria-label={selection.allLabel} checked={allSelected} disabled={selectable.length === 0}
                      onChange={() => selection.onChange(allSelected ? new Set() : new Set(selectable.map(getRowId)))} />
                  </th>
                )}
                {group.headers.map((header) => (
                  <th key={header.id} scope="col" className={numericSet.has(header.column.id) ? 'num' : undefined}>
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {first > 0 && <tr aria-hidden="true" style={{ height: first * rowHeightPx }} />}
            {modelRows.slice(first, last).map((row, offset) => {
              const index = first + offset;
              const id = row.id;
              const classes = [id === activeRowId ? 'active' : '', onRowActivate ? 'clickable' : '', rowClassName?.(row.original) ?? ''].filter(Boolean).join(' ');
              return (
                <tr key={id} data-index={index} aria-rowindex={index + 2} style={{ height: rowHeightPx }} className={classes || undefined}
                  tabIndex={onRowActivate ? 0 : undefined} aria-selected={onRowActivate ? id === activeRowId : undefined}
                  onClick={onRowActivate ? () => onRowActivate(row.original) : undefined} onKeyDown={(e) => onKeyDown(e, index, row.original)}>
                  {selection && (
                    <td className="select-cell">
                      <input type="checkbox" aria-label={selection.label(row.original)} checked={selection.selected.has(id)}
                        disabled={!(selection.isSelectable?.(row.original) ?? true)} onClick={(e) => e.stopPropagation()}
                        onChange={() => {
                          const next = new Set(selection.selected);
                          if (next.has(id)) next.delete(id);
                          else next.add(id);
                          selection.onChange(next);
                        }} />
                    </td>
                  )}
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={numericSet.has(cell.column.id) ? 'num' : undefined}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {last < modelRows.length && <tr aria-hidden="true" style={{ height: (modelRows.length - last) * rowHeightPx }} />}
          </tbody>
        </table>
      </div>
      {footer}
    </div>
  );
}
