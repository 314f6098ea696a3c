import { CoreError } from '../shared/core-error';
import { requireNonNegative } from '../shared/input-checks';

export type PurchasePriceBreak = { minimumQuantity: number; unitPrice: number };

export type RoundPurchaseQuantityInput = {
  /** The quantity the policy asks for, in stock units (> 0). */
  requiredQuantity: number;
  /** Minimum order quantity (0 or absent: none). */
  minimumQuantity?: number;
  /** Order multiple (0 or absent: none). */
  multipleQuantity?: number;
  /** The supply term's unit price, used below the first price break. */
  unitPrice: number;
  /** All-units price breaks: from `minimumQuantity` up, every unit costs `unitPrice`. */
  priceBreaks?: readonly PurchasePriceBreak[];
};

export type RoundPurchaseQuantityResult = {
  quantity: number;
  unitPrice: number;
  /** 'supply term price' or 'price break from <min>'. */
  priceBasis: string;
  /** What changed the quantity, in order (MOQ, multiple, price break); empty when the required quantity stood. */
  adjustments: string[];
};

const EPSILON = 1e-9;

/**
 * Rounds a purchase quantity to what a supplier sells, in stock units: q = max(required, MOQ) rounded up to
 * the order multiple; then, with all-units price breaks, q moves up to a break b (rounded up to the multiple)
 * only when the larger order costs less in total, b × p(b) < q × p(q) (the extra units come free; on a tie the
 * smaller order stands, as it carries less stock). The unit price is that of the highest break ≤ q when it is
 * below the term price. Source: all-units discount pricing, Silver, Pyke & Thomas (2017) §5.5.
 * Example (test): required 130, MOQ 50, multiple 25, price 2.00, break 200 @ 1.20 → 150 at 2.00 = 300 vs
 * 200 at 1.20 = 240: 200 at 1.20.
 * Throws CoreError 'out_of_range' when requiredQuantity ≤ 0, 'negative_value'/'not_finite' on bad numbers.
 */
export function roundPurchaseQuantity(input: RoundPurchaseQuantityInput): RoundPurchaseQuantityResult {
  const required = requireNonNegative(input.requiredQuantity, 'requiredQuantity');
  if (required <= 0) throw new CoreError('out_of_range', `the required quantity must be > 0, got ${required}`, { path: 'requiredQuantity' });
  const minimum = requireNonNegative(input.minimumQuantity ?? 0, 'minimumQuantity');
  const multiple = requireNonNegative(input.multipleQuantity ?? 0, 'multipleQuantity');
  const termPrice = requireNonNegative(input.unitPrice, 'unitPrice');
  const breaks = (input.priceBreaks ?? []).map((b, index) => ({
    minimumQuantity: requireNonNegative(b.minimumQuantity, `priceBreaks[${index}].minimumQuantity`),
    unitPrice: requireNonNegative(b.unitPrice, `priceBreaks[${index}].unitPrice`),
  })).sort((a, b) => a.minimumQuantity - b.minimumQuantity || a.unitPrice - b.unitPrice);
  const toMultiple = (q: number): number => (multiple > 0 ? Math.ceil(q / multiple - EPSILON) * multiple : q);
  const priceOf = (q: number): { unitPrice: number; priceBasis: string } => {
    let best = { unitPrice: termPrice, priceBasis: 'supply term price' };
    for (const b of breaks) if (b.minimumQuantity <= q + EPSILON && b.unitPrice < best.unitPrice) best = { unitPrice: b.unitPrice, priceBasis: `price break from ${b.minimumQuantity}` };
    return best;
  };
  const adjustments: string[] = [];
  let quantity = required;
  if (minimum > quantity + EPSILON) { quantity = minimum; adjustments.push(`raised to the minimum order quantity ${minimum}`); }
  const rounded = toMultiple(quantity);
  if (Math.abs(rounded - quantity) > EPSILON) { quantity = rounded; adjustments.push(`rounded up to the multiple of ${multiple}`); }
  let price = priceOf(quantity);
  for (const b of breaks) {
    if (b.minimumQuantity <= quantity + EPSILON) continue;
    const candidate = toMultiple(b.minimumQuantity);
    const candidatePrice = priceOf(candidate);
    if (candidate * candidatePrice.unitPrice < quantity * price.unitPrice - EPSILON) {
      adjustments.push(`raised to ${candidate} for the price break (${round2(candidate * candidatePrice.unitPrice)} < ${round2(quantity * price.unitPrice)} in total)`);
      quantity = candidate;
      price = candidatePrice;
    }
  }
  return { quantity: round6(quantity), unitPrice: price.unitPrice, priceBasis: price.priceBasis, adjustments };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
