// Public surface of the inventory-simulation module: named re-exports only.
export type { SimulatedPolicy, SimulatedDemand } from './types';
export { simulateInventoryPolicy } from './simulate-inventory-policy';
export type { InventorySimulationInput, InventorySimulationResult } from './simulate-inventory-policy';
export type { ConfidenceInterval } from './internal/confidence-interval';
export { fitDemandDistribution } from './fit-demand-distribution';
export type { DemandFamily } from './fit-demand-distribution';
export { compareInventoryPolicies } from './compare-inventory-policies';
export type { PolicyComparisonRow } from './compare-inventory-policies';
