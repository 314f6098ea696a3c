export { deleteSopScenario, listSopScenarios, runSopScenario, toAggregateScenario } from './run-sop-scenario';
export type { RunSopScenarioInput, SopScenario, SopScenarioChanges, SopScenarioOutcome, SopScenarioProblem } from './run-sop-scenario';
