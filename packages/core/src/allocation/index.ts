export type { AllocationInput, AllocationLineResult, AllocationOrderLine, AllocationReason, AllocationReasonCode, AllocationResult, AllocationRules } from './types';
export { allocateSupply } from './allocate-supply';
export { reallocateOnReceipt } from './reallocate-on-receipt';
export type { ReallocationResult } from './reallocate-on-receipt';
export { promiseOrderLine } from './promise-order-line';
export type { OrderPromiseInput, OrderPromiseResult } from './promise-order-line';
