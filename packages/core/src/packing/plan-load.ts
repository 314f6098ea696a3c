import { CoreError } from '../shared/core-error';
import { generateBlocks } from './internal/blocks';
import { expandBlock } from './internal/expand-blocks';
import { normalizePackingInput } from './internal/normalize-input';
import { searchLoad } from './internal/search';
import type { PackedBox, PackingException, PackingInput, PackingOptions, PackingResult } from './types';

/**
 * Plans the load of one container, truck or pallet: which boxes go where (cm, lower-front-left
 * corners), maximising the loaded volume.
 *
 * Method: block building (simple blocks of one box type and composite blocks of fill rate ≥ 98 %)
 * placed into empty maximal spaces, chosen by an iterative-doubling greedy lookahead
 * (Zhu & Lim 2012, EJOR 222:408–417; complex blocks after Fanslau & Bortfeldt 2010, INFORMS JoC 22:222–235).
 * volumeUtilisation = Σ box volumes loaded / (lengthCm × widthCm × heightCm).
 * Rules kept: no overlap, inside the container, allowed orientations, payload limit, optional full
 * support, non-stackable boxes carry nothing, and multi-drop order (boxes of later stops are never
 * in front of, towards the door at x = lengthCm, or above boxes of earlier stops).
 * Deterministic for the same input, options and budget; a wall-clock limit needs `nowMs`.
 *
 * Example: a 100 × 100 × 100 container and 8 boxes of 50 × 50 × 50 loads all 8 boxes,
 * volumeUtilisation = 1, status 'all_packed'.
 * Boxes that stay on the dock are returned in `unpacked` and `exceptions` (status 'partial').
 * Throws CoreError (invalid_input, empty_input, negative_value, not_finite, out_of_range) for bad input.
 */
export function planLoad(input: PackingInput, options: PackingOptions = {}): PackingResult {
  const problem = normalizePackingInput(input);
  const support = options.support ?? 'none';
  if (support !== 'none' && support !== 'full') throw new CoreError('invalid_input', `support must be 'none' or 'full', got ${String(support)}`, { path: 'options.support' });
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new CoreError('invalid_input', 'seed must be an integer', { path: 'options.seed' });
  const maxCompletions = options.maxCompletions ?? 5000;
  if (!Number.isInteger(maxCompletions) || maxCompletions < 1) throw new CoreError('out_of_range', 'maxCompletions must be an integer ≥ 1', { path: 'options.maxCompletions' });
  const minFillRate = options.minBlockFillRate ?? 1;
  if (!(minFillRate > 0 && minFillRate <= 1)) throw new CoreError('out_of_range', 'minBlockFillRate must be in (0, 1]', { path: 'options.minBlockFillRate' });
  const maxBlocks = options.maxBlocks ?? 6000;
  if (!Number.isInteger(maxBlocks) || maxBlocks < 1) throw new CoreError('out_of_range', 'maxBlocks must be an integer ≥ 1', { path: 'options.maxBlocks' });
  const lookaheadDepth = options.lookaheadDepth ?? 1;
  if (!Number.isInteger(lookaheadDepth) || lookaheadDepth < 1 || lookaheadDepth > 4) throw new CoreError('out_of_range', 'lookaheadDepth must be an integer from 1 to 4', { path: 'options.lookaheadDepth' });
  let deadlineMs: number | undefined;
  if (options.timeLimitSeconds !== undefined) {
    if (!(options.timeLimitSeconds > 0) || !Number.isFinite(options.timeLimitSeconds)) throw new CoreError('out_of_range', 'timeLimitSeconds must be > 0', { path: 'options.timeLimitSeconds' });
    if (!options.nowMs) throw new CoreError('invalid_input', 'timeLimitSeconds needs a nowMs clock', { path: 'options.nowMs' });
    deadlineMs = options.nowMs() + options.timeLimitSeconds * 1000;
  }

  const blocks = generateBlocks(problem, { maxBlocks, minFillRate, support: support === 'full' });
  const found = searchLoad(problem, blocks, { support: support === 'full', seed, maxCompletions, lookaheadDepth, deadlineMs, nowMs: options.nowMs });

  const placedBlocks: { block: (typeof blocks)[number]; x: number; y: number; z: number }[] = [];
  for (let p = found.placed; p !== null; p = p.next) placedBlocks.push(p);
  placedBlocks.reverse();
  const placements: PackedBox[] = [];
  for (const p of placedBlocks) expandBlock(p.block, p.x, p.y, p.z, problem, placements);

  const packedByType = new Map<string, number>();
  let packedVolumeCm3 = 0;
  let packedWeightKg = 0;
  for (const box of placements) {
    packedByType.set(box.boxTypeId, (packedByType.get(box.boxTypeId) ?? 0) + 1);
  }
  for (const type of problem.types) {
    const packed = packedByType.get(type.id) ?? 0;
    packedVolumeCm3 += packed * type.volumeCm3;
    packedWeightKg += packed * type.weightKg;
  }
  const unpacked: PackingResult['unpacked'] = [];
  const exceptions: PackingException[] = [];
  for (const type of problem.types) {
    const packed = packedByType.get(type.id) ?? 0;
    const left = type.quantity - packed;
    if (left <= 0) continue;
    unpacked.push({ boxTypeId: type.id, quantity: left });
    const fitsSomeWay = type.orientations.some(([a, b, c]) => a <= problem.lengthCm && b <= problem.widthCm && c <= problem.heightCm);
    const reason: PackingException['reason'] = !fitsSomeWay ? 'too_large' : type.weightKg > 0 && packedWeightKg + type.weightKg > problem.maxPayloadKg ? 'weight_limit' : 'no_space';
    exceptions.push({
      kind: 'not_packed',
      boxTypeId: type.id,
      quantity: left,
      reason,
      message:
        reason === 'too_large'
          ? `box type ${type.id} fits the container in no allowed orientation`
          : reason === 'weight_limit'
            ? `${left} box(es) of type ${type.id} would exceed the payload limit of ${problem.maxPayloadKg} kg`
            : `${left} box(es) of type ${type.id} found no room`,
    });
  }
  const containerVolumeCm3 = problem.lengthCm * problem.widthCm * problem.heightCm;
  return {
    status: unpacked.length === 0 ? 'all_packed' : 'partial',
    placements,
    packedCount: placements.length,
    packedVolumeCm3,
    containerVolumeCm3,
    volumeUtilisation: packedVolumeCm3 / containerVolumeCm3,
    packedWeightKg,
    unpacked,
    exceptions,
    search: { support, seed, completions: found.completions, blocks: blocks.length, stoppedBy: found.stoppedBy },
  };
}
