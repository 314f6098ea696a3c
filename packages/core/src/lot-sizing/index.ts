export type { LotSizingMethod, LotSizeModifiers, LotSizingParameters, LotSizeOrder, LotSizingInput, LotSizingResult } from './types';
export { LOT_SIZING_METHODS } from './types';
export { planLotSizes, computeLotSizingCost } from './plan-lot-sizes';
export { runLotSizingKernel, applyLotSizeModifiers, economicOrderQuantityPerPeriod } from './run-lot-sizing-kernel';
