// Public surface of the segmentation module: named re-exports only.
export type { AbcClassBound, AbcCriterion, ReviewType, SegmentPolicy, SegmentationItem, ServiceTargetType } from './types';
export { classifyAbc, DEFAULT_ABC_CLASSES } from './classify-abc';
export type { AbcInput, AbcItemResult, AbcResult } from './classify-abc';
export { classifyAbcMultiCriteria } from './classify-abc-multi-criteria';
export type { MultiCriteriaAbcInput, MultiCriteriaAbcResult } from './classify-abc-multi-criteria';
export { classifyXyz, DEFAULT_XYZ_CLASSES } from './classify-xyz';
export type { XyzClassBound, XyzItemResult } from './classify-xyz';
export { segmentItems, toServiceTarget, DEFAULT_SEGMENT_POLICIES } from './segment-items';
export type { SegmentItemsInput, SegmentItemsResult, SegmentedItem } from './segment-items';
