// Public surface of the load-planning module: named re-exports only.
export type {
  PackingVerticalFlags,
  PackingBoxType,
  PackingContainer,
  PackingInput,
  PackingSupportMode,
  PackingOptions,
  PackedBox,
  PackingExceptionKind,
  PackingException,
  PackingStatus,
  PackingResult,
  LoadIssue,
} from './types';
export { planLoad } from './plan-load';
export { checkLoad } from './check-load';
export { parseBischoffRatcliff, type BischoffRatcliffProblem } from './parse-bischoff-ratcliff';
export { parsePackingJson } from './parse-packing-json';
export { renderLoadSvg, type RenderLoadSvgOptions } from './render-load-svg';
