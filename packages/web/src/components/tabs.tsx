import { useRef, type KeyboardEvent, type ReactNode } from 'react';

type Tab = { id: string; label: string; render: () => ReactNode };

/** WAI-ARIA tabs: arrow keys move between tabs, the panel is labelled by its tab. */
export function Tabs({ tabs, current, onChange, label }: { tabs: Tab[]; current: string; onChange: (id: string) => void; label: string }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const active = tabs.find((t) => t.id === current) ?? tabs[0];
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = (index + delta + tabs.length) % tabs.length;
    const tab = tabs[next];
    if (!tab) return;
    onChange(tab.id);
    refs.current[next]?.focus();
  };
  if (!active) return null;
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tablist">
        {tabs.map((tab, index) => (
          <button key={tab.id} type="button" role="tab" id={`tab-${tab.id}`} aria-selected={tab.id === active.id} aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === active.id ? 0 : -1} ref={(el) => { refs.current[index] = el; }} onClick={() => onChange(tab.id)} onKeyDown={(e) => onKeyDown(e, index)} data-testid={`tab-${tab.id}`}>
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`}>{active.render()}</div>
    </div>
  );
}
