// Worker-thread module for runLoadPlanningBatch: plans one load and checks it independently.
import { checkLoad, planLoad, type PackedBox, type PackingInput, type PackingSupportMode } from '@flowpilot/core';

export type LoadPlanningTask = {
  name: string;
  input: PackingInput;
  support: PackingSupportMode;
  seed: number;
  timeLimitSeconds?: number;
  maxCompletions?: number;
  lookaheadDepth?: number;
  keepPlacements?: boolean;
};

export type LoadPlanningTaskResult = {
  name: string;
  support: PackingSupportMode;
  volumeUtilisation: number;
  packedCount: number;
  elapsedSeconds: number;
  completions: number;
  blocks: number;
  issueCount: number;
  firstIssue?: string;
  placements?: PackedBox[];
};

export default async function run(task: LoadPlanningTask): Promise<LoadPlanningTaskResult> {
  const started = performance.now();
  const result = planLoad(task.input, {
    support: task.support,
    seed: task.seed,
    maxCompletions: task.maxCompletions ?? Number.MAX_SAFE_INTEGER,
    ...(task.lookaheadDepth === undefined ? {} : { lookaheadDepth: task.lookaheadDepth }),
    ...(task.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: task.timeLimitSeconds, nowMs: () => performance.now() }),
  });
  const elapsedSeconds = (performance.now() - started) / 1000;
  const issues = checkLoad(task.input, result.placements, { support: task.support });
  return {
    name: task.name,
    support: task.support,
    volumeUtilisation: result.volumeUtilisation,
    packedCount: result.packedCount,
    elapsedSeconds,
    completions: result.search.completions,
    blocks: result.search.blocks,
    issueCount: issues.length,
    ...(issues[0] ? { firstIssue: issues[0].message } : {}),
    ...(task.keepPlacements ? { placements: result.placements } : {}),
  };
}
