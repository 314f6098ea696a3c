import { useEffect, useRef } from 'react';

/**
 * A panel of labelled facts (a definition list) with a title, a close button and an optional formula line: the
 * "basis" panels that explain a number. Focused when it opens and again when `focusKey` changes; Escape or the close
 * button calls `onClose` (the caller gives focus back to the button that opened it).
 */
export function FactsPanel({ id, testId, title, closeLabel, rows, formula, focusKey, onClose }: {
  id: string; testId: string; title: string; closeLabel: string; rows: readonly (readonly [string, string])[];
  formula?: string | undefined; focusKey: string; onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { ref.current?.focus(); }, [focusKey]);
  return (
    <div className="panel" role="region" id={id} aria-labelledby={`${id}-title`} tabIndex={-1} ref={ref} data-testid={testId}
      onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <div className="panel-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <button type="button" className="link" onClick={onClose}>{closeLabel}</button>
      </div>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}><dt>{label}</dt><dd>{value}</dd></div>
        ))}
      </dl>
      {formula && <p className="muted small">{formula}</p>}
    </div>
  );
}
