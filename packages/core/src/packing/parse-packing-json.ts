import { CoreError } from '../shared/core-error';
import { normalizePackingInput } from './internal/normalize-input';
import { lineOfPath, parseJsonWithLines } from './internal/parse-json-with-lines';
import type { PackingInput } from './types';

/**
 * Reads the project's packing JSON (`{ "container": {…}, "boxTypes": [ {…}, … ] }`, see
 * docs/formats/packing.md) and validates it. A malformed file throws CoreError whose message starts
 * with "line N:" (1-based line of the bad value) and whose `path` names the field, e.g.
 * `line 7: boxTypes[0].lengthCm must be greater than 0, got -3`.
 */
export function parsePackingJson(text: string): PackingInput {
  const { value, lineOf } = parseJsonWithLines(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CoreError('invalid_input', 'line 1: the file must hold a JSON object with container and boxTypes', { path: '', details: { line: 1 } });
  }
  const input = value as PackingInput;
  try {
    normalizePackingInput(input);
  } catch (error) {
    if (error instanceof CoreError) {
      const line = lineOfPath(lineOf, error.path ?? '') ?? 1;
      throw new CoreError(error.code, `line ${line}: ${error.message}`, { path: error.path, details: { ...error.details, line }, cause: error });
    }
    throw error;
  }
  const known = new Set(['id', 'lengthCm', 'widthCm', 'heightCm', 'quantity', 'weightKg', 'verticalAllowed', 'stopSequence', 'stackable']);
  input.boxTypes.forEach((box, i) => {
    for (const key of Object.keys(box)) {
      if (!known.has(key)) {
        const path = `boxTypes[${i}].${key}`;
        const line = lineOf.get(path) ?? 1;
        throw new CoreError('invalid_input', `line ${line}: unknown field ${path}`, { path, details: { line } });
      }
    }
  });
  return input;
}
