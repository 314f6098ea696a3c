// Public surface of the GS1 module: named re-exports only.
export { GS1_KEY_LENGTHS, appendGs1CheckDigit, computeGs1CheckDigit, isValidGs1Key, type Gs1KeyKind } from './check-digit';
export { buildSscc, type BuildSsccInput, type SsccResult } from './sscc';
export {
  GS1_FNC1_SEPARATOR,
  encodeGs1ElementString,
  fromNetWeightElement,
  parseGs1ElementString,
  toNetWeightElement,
  type Gs1ApplicationIdentifier,
  type Gs1Element,
  type Gs1ElementStringResult,
} from './gs1-element-string';
