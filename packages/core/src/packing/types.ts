/**
 * Types of the load-planning module: boxes, containers (truck, container or pallet), placements.
 * Lengths are in centimetres, weights in kilograms. Axes: x runs along the container length from the
 * front wall (x = 0) to the door (x = lengthCm), y across the width, z up from the floor.
 */

/** Which of a box's own dimensions may stand vertical (Bischoff–Ratcliff 0/1 flags). */
export type PackingVerticalFlags = { length: boolean; width: boolean; height: boolean };

/** A kind of box with its quantity to load. */
export type PackingBoxType = {
  id: string;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  quantity: number;
  /** Weight of one box; 0 when unknown. */
  weightKg?: number;
  /** Default: only the height may stand vertical ("this side up"). */
  verticalAllowed?: PackingVerticalFlags;
  /** Delivery stop, 1 = first unloaded; boxes of later stops are loaded first. Default 1. */
  stopSequence?: number;
  /** False: nothing may be placed above this box. Default true. */
  stackable?: boolean;
};

/** The space to fill: a container, a truck body, or a pallet with its height limit. */
export type PackingContainer = {
  id?: string;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  /** Payload limit; no limit when absent. */
  maxPayloadKg?: number;
};

export type PackingInput = {
  container: PackingContainer;
  boxTypes: PackingBoxType[];
};

/** `full`: every box's base rests entirely on the floor or on the tops of boxes below. */
export type PackingSupportMode = 'none' | 'full';

export type PackingOptions = {
  support?: PackingSupportMode;
  /** Seed of the randomised restarts; same input + seed + budget gives the same load. Default 1. */
  seed?: number;
  /** Work budget: number of greedy completions the search may run (deterministic). Default 5000. */
  maxCompletions?: number;
  /** Steps looked ahead before each greedy finish (1–4). Default 1 (loaded more than 2 on BR1–7 at the same budget). */
  lookaheadDepth?: number;
  /** Optional wall-clock limit; needs `nowMs`, since core reads no clock itself. */
  timeLimitSeconds?: number;
  /** Clock in milliseconds supplied by the caller (e.g. `() => performance.now()`). */
  nowMs?: () => number;
  /** Largest number of blocks (simple + composite) the search builds. Default 6000. */
  maxBlocks?: number;
  /** Smallest fill rate of a composite block, 0–1. Default 1 (no gaps inside blocks; 0.98 in Zhu & Lim 2012 loaded less here). */
  minBlockFillRate?: number;
};

/** One box in the load: its type, its lower-front-left corner and its extents along x, y, z. */
export type PackedBox = {
  boxTypeId: string;
  stopSequence: number;
  xCm: number;
  yCm: number;
  zCm: number;
  sizeXCm: number;
  sizeYCm: number;
  sizeZCm: number;
};

export type PackingExceptionKind = 'not_packed';

/** A plan problem returned as data: boxes that stayed on the dock and why. */
export type PackingException = {
  kind: PackingExceptionKind;
  boxTypeId: string;
  quantity: number;
  reason: 'too_large' | 'weight_limit' | 'no_space';
  message: string;
};

export type PackingStatus = 'all_packed' | 'partial';

export type PackingResult = {
  status: PackingStatus;
  placements: PackedBox[];
  packedCount: number;
  packedVolumeCm3: number;
  containerVolumeCm3: number;
  /** packedVolumeCm3 / containerVolumeCm3, 0–1. */
  volumeUtilisation: number;
  packedWeightKg: number;
  unpacked: { boxTypeId: string; quantity: number }[];
  exceptions: PackingException[];
  search: { support: PackingSupportMode; seed: number; completions: number; blocks: number; stoppedBy: 'exhausted' | 'budget' | 'time' };
};

/** One broken rule found by the independent checker. */
export type LoadIssue = {
  rule: 'inside' | 'overlap' | 'orientation' | 'quantity' | 'unknown_box_type' | 'weight' | 'support' | 'stacking' | 'loading_order';
  boxIndex: number;
  otherBoxIndex?: number;
  message: string;
};
