import type { z } from 'zod';
import type { ProposalLineRow } from '@flowpilot/contract';
import { useI18n } from '../i18n/i18n-context';
import { FactsPanel } from '../components/facts-panel';

type ProposalLine = z.infer<typeof ProposalLineRow>;
type Translate = ReturnType<typeof useI18n>['t'];

export const POLICY_BASIS_PANEL_ID = 'policy-basis-panel';

/**
 * One rounding step of core roundPurchaseQuantity (stored in English in policy_basis.adjustments), in the user's
 * language: MOQ, multiple, or a larger order for a price break; anything else is shown as stored.
 */
export function translateAdjustment(text: string, t: Translate): string {
  let match = /^raised to the minimum order quantity (\S+)$/.exec(text);
  if (match) return t('procurement.basis.adjust.minimum', { quantity: match[1]! });
  match = /^rounded up to the multiple of (\S+)$/.exec(text);
  if (match) return t('procurement.basis.adjust.multiple', { multiple: match[1]! });
  match = /^raised to (\S+) for the price break \((\S+) < (\S+) in total\)$/.exec(text);
  if (match) return t('procurement.basis.adjust.priceBreak', { quantity: match[1]!, value: match[2]!, before: match[3]! });
  return text;
}

/**
 * Why a policy line exists: the inventory position (on hand + on order − backorders) against s and Q (reorder point)
 * or against S on the review date (periodic review), what the policy asked for, and the rounding to MOQ, multiple and
 * price break. Focused when it opens; Escape or the close button closes it (focus goes back to the line's button).
 */
export function ProposalBasisPanel({ line, onClose }: { line: ProposalLine; onClose: () => void }) {
  const { t, formatNumber, formatDate } = useI18n();
  const basis = line.policyBasis;
  if (!basis) return null;
  const n = (value: number | undefined) => (value === undefined ? '—' : formatNumber(value));
  /** A parameter with who set it: the inventory-policy run or a person. */
  const source = basis.parameterSource;
  const p = (value: number | undefined, field: 'reorderPoint' | 'orderQuantity' | 'orderUpToLevel') => {
    const by = source?.[field];
    if (!by) return n(value);
    return `${n(value)} (${by === 'computed' ? t('procurement.basis.computed', { run: source.runId ?? '—' }) : t('procurement.basis.manual')})`;
  };
  const rows: [string, string][] = [];
  const add = (label: string, value: string): void => { rows.push([label, value]); };
  add(t('procurement.basis.method'), t(basis.method === 'reorder_point' ? 'procurement.basis.method.reorder_point' : 'procurement.basis.method.periodic_review'));
  add(t('procurement.basis.position'), t('procurement.basis.positionParts', { position: n(basis.inventoryPosition), onHand: n(basis.onHandQuantity), onOrder: n(basis.onOrderQuantity), backorders: n(basis.backorderQuantity) }));
  if (basis.method === 'reorder_point') {
    add(t('procurement.basis.reorderPoint'), p(basis.reorderPoint, 'reorderPoint'));
    add(t('procurement.basis.orderQuantity'), p(basis.orderQuantity, 'orderQuantity'));
    add(t('procurement.basis.orderCount'), n(basis.orderCount));
  } else {
    add(t('procurement.basis.orderUpTo'), p(basis.orderUpToLevel, 'orderUpToLevel'));
    add(t('procurement.basis.reviewDate'), basis.reviewDate ? formatDate(basis.reviewDate) : '—');
    if (basis.reviewPeriodDays) add(t('procurement.basis.reviewPeriod'), t('procurement.basis.days', { days: n(basis.reviewPeriodDays) }));
  }
  add(t('procurement.basis.required'), n(basis.requiredQuantity));
  add(t('procurement.basis.rounding'), basis.adjustments.length > 0 ? basis.adjustments.map((a) => translateAdjustment(a, t)).join(' ; ') : t('procurement.basis.noRounding'));
  add(t('procurement.basis.proposed'), `${formatNumber(Number(line.quantity))} (${line.priceBasis})`);
  add(t('procurement.basis.leadTime'), t('procurement.basis.days', { days: n(basis.leadTimeDays) }));
  return (
    <FactsPanel id={POLICY_BASIS_PANEL_ID} testId="policy-basis" title={t('procurement.basis.title', { order: line.plannedOrderId, item: line.itemCode })} closeLabel={t('procurement.basis.close')}
      rows={rows} formula={basis.formula} focusKey={line.plannedOrderId} onClose={onClose} />
  );
}
