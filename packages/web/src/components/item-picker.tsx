import { useState } from 'react';
import { useApi } from '../api/use-api';
import { withQuery } from '../api/api-client';
import { useI18n } from '../i18n/i18n-context';

type ItemHit = { code: string; name: string };
/** Chips drawn at most; the rest is counted ("and N more") so a pasted list of thousands stays light. */
const SHOWN_CHIPS = 200;
const SEARCH_PAGE = 20;

/** Item codes of pasted text: one per line, or separated by commas, semicolons, tabs or spaces; order kept, duplicates dropped. */
export function parseItemCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((c) => c.trim()).filter((c) => c !== ''))];
}

/**
 * Chooses a list of items: search the organization's items by code or name (GET /api/v1/items?search=) and add one,
 * or paste codes. The server checks the codes (unknown ones are refused, named), so pasted codes are kept as typed.
 */
export function ItemPicker({ value, onChange, hint, testId = 'item-picker' }: { value: readonly string[]; onChange: (codes: string[]) => void; hint?: string; testId?: string }) {
  const { t, language } = useI18n();
  const [search, setSearch] = useState('');
  const [pasted, setPasted] = useState('');
  const query = search.trim();
  const hits = useApi<{ items: ItemHit[]; total: number }>(query ? withQuery('/api/v1/items', { search: query, pageSize: SEARCH_PAGE }) : null, language);
  const chosen = new Set(value);
  const add = (codes: readonly string[]) => onChange([...new Set([...value, ...codes])]);
  const addPasted = () => {
    add(parseItemCodes(pasted));
    setPasted('');
  };
  const found = query && hits.status === 'ok' ? hits.data.items : [];
  return (
    <fieldset className="item-picker" data-testid={testId}>
      <legend>{t('items.picker.legend')}</legend>
      <div className="toolbar">
        <label className="inline-field">{t('items.picker.search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('items.picker.searchHint')} data-testid={`${testId}-search`}
            onKeyDown={(e) => {
              // Enter adds the first match instead of submitting the form around the picker
              if (e.key !== 'Enter') return;
              e.preventDefault();
              const first = found.find((item) => !chosen.has(item.code));
              if (first) add([first.code]);
            }} />
        </label>
        <label className="inline-field">{t('items.picker.paste')}
          <textarea rows={2} value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder="FG-1001, RM-2002" data-testid={`${testId}-paste`} />
        </label>
        <button type="button" onClick={addPasted} disabled={parseItemCodes(pasted).length === 0} data-testid={`${testId}-add-pasted`}>{t('items.picker.addPasted')}</button>
      </div>
      {query && hits.status === 'error' && <p className="state state-error" role="alert">{hits.error.message}</p>}
      {query && hits.status === 'ok' && found.length === 0 && <p className="muted small">{t('items.picker.noMatch', { search: query })}</p>}
      {found.length > 0 && (
        <ul className="item-hits" aria-label={t('items.picker.results')}>
          {found.map((item) => (
            <li key={item.code}>
              <button type="button" disabled={chosen.has(item.code)} onClick={() => add([item.code])} aria-label={t('items.picker.add', { code: item.code, name: item.name })}>
                <strong>{item.code}</strong> {item.name}
              </button>
            </li>
          ))}
          {hits.data && hits.data.total > found.length && <li className="muted small">{t('items.picker.more', { count: hits.data.total - found.length })}</li>}
        </ul>
      )}
      {value.length === 0 ? (hint ? <p className="muted small">{hint}</p> : null) : (
        <div className="item-chosen">
          <span data-testid={`${testId}-count`}>{t('items.picker.chosen', { count: value.length })}</span>
          <ul className="chips">
            {value.slice(0, SHOWN_CHIPS).map((code) => (
              <li key={code} className="chip">{code}
                <button type="button" className="chip-remove" onClick={() => onChange(value.filter((c) => c !== code))} aria-label={t('items.picker.remove', { code })}>×</button>
              </li>
            ))}
            {value.length > SHOWN_CHIPS && <li className="muted small">{t('items.picker.more', { count: value.length - SHOWN_CHIPS })}</li>}
          </ul>
          <button type="button" className="link" onClick={() => onChange([])}>{t('items.picker.clear')}</button>
        </div>
      )}
    </fieldset>
  );
}
