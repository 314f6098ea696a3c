import { CoreError } from '../shared/core-error';
import { parseRoutingJson } from './parse-routing-json';
import { parseSolomon } from './parse-solomon';
import { parseTsplibVrp } from './parse-tsplib-vrp';
import type { RoutingInstance } from './types';

/** The file formats the routing parsers read. */
export type RoutingFileFormat = 'tsplib' | 'solomon' | 'json';

/**
 * Parses a routing instance, guessing the format from the file name (`.vrp` → TSPLIB, `.json` → JSON)
 * and else from the text (`{` → JSON, a `VEHICLE` line → Solomon, `DIMENSION` → TSPLIB).
 * Example: parseRoutingInstance(text, 'C101.txt') → a Solomon instance.
 * Throws CoreError 'unsupported' when the format cannot be recognised, and the parsers' line errors.
 */
export function parseRoutingInstance(text: string, fileName = '', format?: RoutingFileFormat): RoutingInstance {
  const chosen = format ?? detectFormat(text, fileName);
  switch (chosen) {
    case 'tsplib':
      return parseTsplibVrp(text);
    case 'solomon':
      return parseSolomon(text);
    case 'json':
      return parseRoutingJson(text);
  }
}

function detectFormat(text: string, fileName: string): RoutingFileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.vrp')) return 'tsplib';
  if (lower.endsWith('.json')) return 'json';
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return 'json';
  if (/^\s*VEHICLE\s*$/im.test(text)) return 'solomon';
  if (/^\s*DIMENSION\s*:/im.test(text)) return 'tsplib';
  throw new CoreError('unsupported', 'unknown routing file format: expected a TSPLIB .vrp, a Solomon .txt or a JSON instance', { path: fileName || 'file' });
}
