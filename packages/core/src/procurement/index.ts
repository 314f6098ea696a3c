// Public surface of the procurement module: named re-exports only.
export { roundPurchaseQuantity } from './round-purchase-quantity';
export type { PurchasePriceBreak, RoundPurchaseQuantityInput, RoundPurchaseQuantityResult } from './round-purchase-quantity';
export { planPolicyReplenishment } from './plan-policy-replenishment';
export type {
  PolicyReplenishmentBasis, PolicyReplenishmentInput, PolicyReplenishmentLine, PolicyReplenishmentOutcome, PolicyReplenishmentOutcomeKind, PolicyReplenishmentResult,
  PolicyStockPointInput, PolicySupplierTerm, ReplenishmentMethod,
} from './plan-policy-replenishment';
