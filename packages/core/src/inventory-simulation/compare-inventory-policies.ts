import { simulateInventoryPolicy, type InventorySimulationInput, type InventorySimulationResult } from './simulate-inventory-policy';
import type { SimulatedPolicy } from './types';

export type PolicyComparisonRow = { name: string; policy: SimulatedPolicy; result: InventorySimulationResult };

/**
 * Simulates several policies on the same demand streams (common random numbers: same seed) and ranks them by cost.
 * Source: Law (2015), section 11.2 (common random numbers). Example: compare (s,S) = (6,40) with (R,S) = (1,40).
 */
export function compareInventoryPolicies(input: Omit<InventorySimulationInput, 'policy'> & { policies: { name: string; policy: SimulatedPolicy }[] }): PolicyComparisonRow[] {
  const { policies, ...rest } = input;
  const rows = policies.map(({ name, policy }) => ({ name, policy, result: simulateInventoryPolicy({ ...rest, policy }) }));
  return rows.sort((a, b) => a.result.costPerPeriod.mean - b.result.costPerPeriod.mean || a.name.localeCompare(b.name));
}
