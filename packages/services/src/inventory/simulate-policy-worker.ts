// Worker module for runPolicySimulations: one task = one item's simulation (pure, seeded).
import { simulateInventoryPolicy, type InventorySimulationInput, type InventorySimulationResult } from '@flowpilot/core';

export default async function run(task: InventorySimulationInput): Promise<InventorySimulationResult> {
  return simulateInventoryPolicy(task);
}
