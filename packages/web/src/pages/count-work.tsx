import { useMemo, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { CountEntryResponse, CountPlanResponse, CountSheetResponse, CountVarianceResponse } from '@flowpilot/contract';
import { apiRequest } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useSubmit } from '../api/use-submit';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { Section } from '../components/page';
import { Loaded } from '../components/states';
import { ItemPicker } from '../components/item-picker';
import { SubmitFeedback } from '../components/submit-feedback';

type Plan = z.infer<typeof CountPlanResponse>;
type Sheet = z.infer<typeof CountSheetResponse>;
type SheetLine = Sheet['lines'][number];
type EntryResult = z.infer<typeof CountEntryResponse>;
type Variances = z.infer<typeof CountVarianceResponse>;

/** The cause codes the server accepts on a count line (services/counting COUNT_CAUSE_CODES). */
export const COUNT_CAUSES = ['unrecorded_issue', 'unrecorded_receipt', 'wrong_location', 'wrong_item', 'unit_of_measure', 'damage', 'theft', 'counting_error', 'data_entry', 'unexplained'] as const;

/**
 * A count plan: every stock point, or only the chosen items', scheduled over the months by its ABC class
 * (POST /api/v1/counting/plans; unknown item codes are refused by the server, named).
 */
export function CountPlanForm({ today, onPlanned }: { today: string; onPlanned: (plan: Plan) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ fromDate: today, months: 12, locationCode: '' });
  const [itemCodes, setItemCodes] = useState<string[]>([]);
  const { busy, message, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { fromDate: form.fromDate, months: form.months, ...(form.locationCode ? { locationCode: form.locationCode } : {}), ...(itemCodes.length > 0 ? { itemCodes } : {}) };
    void run(() => apiRequest<Plan>('/api/v1/counting/plans', { method: 'POST', body }), {
      success: (plan) => {
        onPlanned(plan);
        const classes = Object.entries(plan.classes).map(([klass, c]) => t('counting.planClass', { klass, points: c.stockPoints, counts: c.countsPlanned })).join(' · ');
        const skipped = plan.itemsWithoutStockPoint.length > 0 ? ` ${t('counting.notPlanned', { items: plan.itemsWithoutStockPoint.join(', ') })}` : '';
        return t('counting.planCreated', { plan: plan.planNumber, lines: plan.lineCount, from: plan.fromDate, to: plan.toDate, classes }) + skipped;
      },
    });
  };
  return (
    <Section title={t('counting.newPlan')} id="count-plan">
      <form className="toolbar" onSubmit={submit} aria-label={t('counting.newPlan')}>
        <label className="inline-field">{t('counting.fromDate')}<input type="date" required value={form.fromDate} onChange={(e) => setForm({ ...form, fromDate: e.target.value })} /></label>
        <label className="inline-field">{t('counting.months')}<input type="number" min={1} max={36} step={1} className="narrow" required value={form.months} onChange={(e) => setForm({ ...form, months: Number(e.target.value) })} /></label>
        <label className="inline-field">{t('common.location')}<input value={form.locationCode} onChange={(e) => setForm({ ...form, locationCode: e.target.value.trim() })} placeholder={t('counting.allLocations')} list="count-locations" /></label>
        <button type="submit" className="primary" disabled={busy} data-testid="count-plan-submit">{busy ? t('common.working') : t('counting.createPlan')}</button>
        <ItemPicker value={itemCodes} onChange={setItemCodes} hint={t('counting.planItemsHint')} testId="plan-items" />
      </form>
      <SubmitFeedback message={message} testId="count-plan-result" />
    </Section>
  );
}

/**
 * Starts a count of one location (the plan's lines due that day, the chosen items, or every stock point there): the
 * server returns its blind sheet. Chosen items replace the plan.
 */
export function StartCountForm({ today, planNumber, onStarted }: { today: string; planNumber: string; onStarted: (sheet: Sheet) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ locationCode: '', countDate: today, planNumber });
  const [itemCodes, setItemCodes] = useState<string[]>([]);
  const { busy, message, run } = useSubmit();
  const chosen = itemCodes.length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scope = chosen ? { itemCodes } : form.planNumber ? { planNumber: form.planNumber } : {};
    void run(() => apiRequest<Sheet>('/api/v1/counting/counts', { method: 'POST', body: { locationCode: form.locationCode, countDate: form.countDate, ...scope } }), {
      success: (sheet) => {
        onStarted(sheet);
        return t('counting.started', { count: sheet.countNumber, lines: sheet.lines.length, location: sheet.locationCode });
      },
    });
  };
  return (
    <Section title={t('counting.startCount')} id="count-start">
      <form className="toolbar" onSubmit={submit} aria-label={t('counting.startCount')}>
        <label className="inline-field">{t('common.location')}<input required value={form.locationCode} onChange={(e) => setForm({ ...form, locationCode: e.target.value.trim() })} placeholder="WH-PAR" list="count-locations" data-testid="count-location" /></label>
        <label className="inline-field">{t('mrp.date')}<input type="date" required value={form.countDate} onChange={(e) => setForm({ ...form, countDate: e.target.value })} /></label>
        <label className="inline-field">{t('counting.plan')}<input value={chosen ? '' : form.planNumber} disabled={chosen} title={chosen ? t('counting.planReplaced') : undefined}
          onChange={(e) => setForm({ ...form, planNumber: e.target.value.trim() })} placeholder={chosen ? t('counting.planReplaced') : t('counting.noPlan')} /></label>
        <button type="submit" className="primary" disabled={busy} data-testid="count-start-submit">{busy ? t('common.working') : t('counting.startButton')}</button>
        <ItemPicker value={itemCodes} onChange={setItemCodes} testId="count-items" />
      </form>
      <p className="muted small">{t('counting.startHint')}</p>
      <SubmitFeedback message={message} />
    </Section>
  );
}

/** Prints only the count sheet (blank boxes instead of the entry fields): the counter's paper copy. */
function printSheet(): void {
  document.body.classList.add('print-count-sheet');
  try {
    globalThis.print?.();
  } finally {
    document.body.classList.remove('print-count-sheet');
  }
}

const lineKey = (l: Pick<SheetLine, 'itemCode' | 'lotNumber'>) => `${l.itemCode}\u0000${l.lotNumber}`;

/**
 * One count: the blind sheet (bin, item, lot, unit; never the book quantity) to print or fill in, the recount of lines
 * outside tolerance, the variance preview once every line is counted, and approval (close), which posts the adjustments.
 */
export function CountSheetPanel({ countNumber, canWrite, onChanged }: { countNumber: string; canWrite: boolean; onChanged: () => void }) {
  const { t, language } = useI18n();
  const sheet = useApi<Sheet>(`/api/v1/counting/counts/${encodeURIComponent(countNumber)}/sheet`, language);
  return (
    <Section title={t('counting.sheetTitle', { count: countNumber })} id="count-sheet" actions={
      <span className="actions no-print">
        <button type="button" onClick={printSheet}>{t('counting.print')}</button>
        <a href={`/api/v1/counting/counts/${encodeURIComponent(countNumber)}/sheet.csv`} download>{t('counting.downloadCsv')}</a>
      </span>}>
      <Loaded state={sheet}>
        {(s) => <SheetBody sheet={s} canWrite={canWrite} onChanged={() => { sheet.reload(); onChanged(); }} />}
      </Loaded>
    </Section>
  );
}

function SheetBody({ sheet, canWrite, onChanged }: { sheet: Sheet; canWrite: boolean; onChanged: () => void }) {
  const { t, formatDate } = useI18n();
  const [entries, setEntries] = useState<Record<string, { quantity: string; cause: string }>>({});
  const [onlyRecount, setOnlyRecount] = useState(false);
  const { busy, message, setMessage, run } = useSubmit();
  const [variances, setVariances] = useState<Variances | null>(null);
  const open = sheet.status === 'open';
  const pending = sheet.lines.filter((l) => l.status === 'to_count' || l.status === 'recount');
  const recount = sheet.lines.filter((l) => l.status === 'recount');
  const shown = onlyRecount ? recount : sheet.lines;
  const editable = (l: SheetLine) => open && canWrite && (l.status === 'to_count' || l.status === 'recount');

  const save = (event: FormEvent) => {
    event.preventDefault();
    const lines = sheet.lines.filter((l) => editable(l) && (entries[lineKey(l)]?.quantity ?? '').trim() !== '').map((l) => {
      const entry = entries[lineKey(l)]!;
      return { itemCode: l.itemCode, ...(l.lotNumber ? { lotNumber: l.lotNumber } : {}), countedQuantity: entry.quantity.trim(), ...(entry.cause ? { causeCode: entry.cause } : {}) };
    });
    if (lines.length === 0) {
      setMessage({ tone: 'error', text: t('counting.nothingEntered') });
      return;
    }
    void run(() => apiRequest<EntryResult>(`/api/v1/counting/counts/${encodeURIComponent(sheet.countNumber)}/entries`, { method: 'POST', body: { lines } }), {
      issues: true,
      success: (result) => {
        setEntries({});
        if (result.linesToRecount.length > 0) setOnlyRecount(true);
        onChanged();
        const recountText = result.linesToRecount.length > 0 ? ` ${t('counting.recountAsked', { lines: result.linesToRecount.map((l) => `${l.lineNumber} (${l.itemCode})`).join(', ') })}` : '';
        return t('counting.entered', { entered: result.linesEntered, remaining: result.linesRemaining }) + recountText;
      },
    });
  };

  const close = (dryRun: boolean) => run(() => apiRequest<Variances>(`/api/v1/counting/counts/${encodeURIComponent(sheet.countNumber)}/close`, { method: 'POST', body: { dryRun } }), {
    success: (result) => {
      setVariances(result);
      if (dryRun) return null;
      onChanged();
      return t('counting.closed', { count: sheet.countNumber, adjustments: result.adjustmentsPosted });
    },
  });

  return (
    <>
      <p className="muted small">
        {t('counting.sheetHeader', { location: sheet.locationCode, date: formatDate(sheet.countDate), status: t(`counting.status.${sheet.status}` as MessageKey), pending: pending.length, total: sheet.lines.length })}
      </p>
      <p className="muted small no-print">{t('counting.blindHint')}</p>
      {recount.length > 0 && (
        <label className="inline-field no-print">
          <input type="checkbox" checked={onlyRecount} onChange={(e) => setOnlyRecount(e.target.checked)} data-testid="only-recount" /> {t('counting.onlyRecount', { count: recount.length })}
        </label>
      )}
      <form onSubmit={save} aria-label={t('counting.entryForm')}>
        <div className="grid-scroll" style={{ maxHeight: 480 }}>
          <table className="grid count-sheet" data-testid="count-sheet">
            <caption className="visually-hidden">{t('counting.sheetTitle', { count: sheet.countNumber })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">#</th><th scope="col">{t('counting.bin')}</th><th scope="col">{t('common.item')}</th><th scope="col">{t('common.name')}</th>
                <th scope="col">{t('counting.lot')}</th><th scope="col">{t('counting.uom')}</th><th scope="col">{t('common.status')}</th>
                <th scope="col" className="num">{t('counting.counted')}</th><th scope="col">{t('counting.cause')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((l) => {
                const key = lineKey(l);
                const entry = entries[key] ?? { quantity: '', cause: '' };
                const label = t('counting.countedOf', { line: l.lineNumber, item: l.itemCode, lot: l.lotNumber || '—' });
                return (
                  <tr key={key} className={l.status === 'recount' ? 'warn-row' : undefined}>
                    <td className="num">{l.lineNumber}</td><td>{l.binCode || '—'}</td><td>{l.itemCode}</td><td>{l.itemName}</td><td>{l.lotNumber || '—'}</td><td>{l.uomCode}</td>
                    <td><span className={`badge count-${l.status}`}>{t(`counting.line.${l.status}` as MessageKey)}</span></td>
                    <td className="num">
                      {editable(l) ? (
                        <input type="number" min={0} step="any" className="narrow" inputMode="decimal" aria-label={label} data-testid={`counted-${l.lineNumber}`}
                          value={entry.quantity} onChange={(e) => setEntries((all) => ({ ...all, [key]: { ...entry, quantity: e.target.value } }))} />
                      ) : null}
                      {l.status === 'to_count' || l.status === 'recount' ? <span className="print-blank" aria-hidden="true" /> : null}
                    </td>
                    <td>
                      {editable(l) ? (
                        <select aria-label={t('counting.causeOf', { line: l.lineNumber })} value={entry.cause} onChange={(e) => setEntries((all) => ({ ...all, [key]: { ...entry, cause: e.target.value } }))}>
                          <option value="">—</option>
                          {COUNT_CAUSES.map((c) => <option key={c} value={c}>{t(`counting.cause.${c}` as MessageKey)}</option>)}
                        </select>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {open && canWrite && (
          <div className="toolbar no-print" style={{ marginTop: 8 }}>
            {pending.length > 0 && <button type="submit" className="primary" disabled={busy} data-testid="count-save">{busy ? t('common.working') : t('counting.saveEntries')}</button>}
            {pending.length === 0 && (
              <>
                <button type="button" disabled={busy} onClick={() => void close(true)} data-testid="count-preview">{t('counting.previewVariances')}</button>
                <button type="button" className="primary" disabled={busy} onClick={() => void close(false)} data-testid="count-approve">{t('counting.approveClose')}</button>
              </>
            )}
          </div>
        )}
      </form>
      <SubmitFeedback message={message} testId="count-message" />
      {(variances || sheet.status === 'closed') && <VarianceTable countNumber={sheet.countNumber} preview={variances} />}
    </>
  );
}

/** The count's variances line by line (the book is shown only now, after every line is counted). */
function VarianceTable({ countNumber, preview }: { countNumber: string; preview: Variances | null }) {
  const { language } = useI18n();
  const stored = useApi<Variances>(preview ? null : `/api/v1/counting/counts/${encodeURIComponent(countNumber)}/variances`, language);
  if (preview) return <VarianceLines data={preview} />;
  return <Loaded state={stored}>{(d) => <VarianceLines data={d} />}</Loaded>;
}

function VarianceLines({ data }: { data: Variances }) {
  const { t, formatNumber, formatMoney } = useI18n();
  const lines = useMemo(() => [...data.lines].sort((a, b) => a.lineNumber - b.lineNumber), [data.lines]);
  return (
    <div data-testid="count-variances">
      <h3>{data.dryRun ? t('counting.variancePreview') : t('counting.varianceFinal', { adjustments: data.adjustmentsPosted })}</h3>
      <div className="grid-scroll" style={{ maxHeight: 360 }}>
        <table className="grid">
          <caption className="visually-hidden">{t('counting.variances')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">#</th><th scope="col">{t('common.item')}</th><th scope="col">{t('counting.lot')}</th><th scope="col">ABC</th>
              <th scope="col" className="num">{t('counting.expected')}</th><th scope="col" className="num">{t('counting.firstCount')}</th><th scope="col" className="num">{t('counting.counted')}</th>
              <th scope="col" className="num">{t('counting.variance')}</th><th scope="col" className="num">{t('counting.varianceValue')}</th><th scope="col">{t('counting.tolerance')}</th><th scope="col">{t('counting.cause')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.lineNumber} className={l.withinTolerance ? undefined : 'warn-row'}>
                <td className="num">{l.lineNumber}</td><td>{l.itemCode}</td><td>{l.lotNumber || '—'}</td><td>{l.abcClass}</td>
                <td className="num">{formatNumber(l.expectedQuantity)}</td><td className="num">{formatNumber(l.firstCountQuantity)}</td><td className="num">{formatNumber(l.countedQuantity)}</td>
                <td className="num">{formatNumber(l.varianceQuantity)}</td><td className="num">{formatMoney(l.varianceValueEur)}</td>
                <td>{l.withinTolerance ? t('counting.within') : t('counting.outside')}</td><td>{l.causeCode ? t(`counting.cause.${l.causeCode}` as MessageKey) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('counting.varianceTotals', { net: formatMoney(data.summary.overall.netVarianceValueEur), abs: formatMoney(data.summary.overall.absoluteVarianceValueEur), outside: data.summary.overall.linesOutsideTolerance })}</p>
    </div>
  );
}

