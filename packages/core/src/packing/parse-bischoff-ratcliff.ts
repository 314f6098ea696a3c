import { CoreError } from '../shared/core-error';
import type { PackingInput } from './types';

/** One problem of a Bischoff–Ratcliff file, ready for planLoad. */
export type BischoffRatcliffProblem = { problemNumber: number; seed: number; input: PackingInput };

/**
 * Parses an OR-Library "thpack" file of Bischoff & Ratcliff (1995), sets BR1–BR10.
 * Layout: the problem count P; then per problem `p seed`, `L W H`, the box-type count n, and n lines
 * `i l fl w fw h fh q` where each 0/1 flag says whether that dimension may be vertical.
 * Lengths are read as centimetres; boxes get no weight. Throws CoreError('invalid_input') naming the
 * line (1-based) and the reason, e.g. "line 5: expected 8 numbers, found 7".
 */
export function parseBischoffRatcliff(text: string): BischoffRatcliffProblem[] {
  const lines = text.split(/\r?\n/);
  let lineIndex = 0;
  const fail = (line: number, reason: string): never => {
    throw new CoreError('invalid_input', `line ${line}: ${reason}`, { path: `line ${line}`, details: { line } });
  };
  const nextLine = (what: string, count: number): number[] => {
    while (lineIndex < lines.length && lines[lineIndex]!.trim() === '') lineIndex++;
    if (lineIndex >= lines.length) {
      let last = lines.length;
      while (last > 1 && lines[last - 1]!.trim() === '') last--;
      fail(last, `unexpected end of file after this line, expected ${what}`);
    }
    const lineNumber = lineIndex + 1;
    const tokens = lines[lineIndex]!.trim().split(/\s+/);
    lineIndex++;
    if (tokens.length !== count) fail(lineNumber, `expected ${count} number${count > 1 ? 's' : ''} (${what}), found ${tokens.length}`);
    const values = tokens.map((token) => {
      if (!/^-?\d+$/.test(token)) fail(lineNumber, `"${token}" is not an integer (${what})`);
      return Number(token);
    });
    return values;
  };
  const lineNo = (): number => lineIndex;
  const [problemCount] = nextLine('number of problems', 1) as [number];
  if (problemCount < 1) fail(lineNo(), `number of problems must be at least 1, got ${problemCount}`);
  const problems: BischoffRatcliffProblem[] = [];
  for (let p = 0; p < problemCount; p++) {
    const [problemNumber, seed] = nextLine('problem number and seed', 2) as [number, number];
    const [L, W, H] = nextLine('container length, width, height', 3) as [number, number, number];
    if (L <= 0 || W <= 0 || H <= 0) fail(lineNo(), 'container dimensions must be positive');
    const [typeCount] = nextLine('number of box types', 1) as [number];
    if (typeCount < 1) fail(lineNo(), `number of box types must be at least 1, got ${typeCount}`);
    const boxTypes: PackingInput['boxTypes'] = [];
    for (let t = 0; t < typeCount; t++) {
      const [id, l, fl, w, fw, h, fh, q] = nextLine('box type: i l flag w flag h flag quantity', 8) as [number, number, number, number, number, number, number, number];
      const line = lineNo();
      if (l <= 0 || w <= 0 || h <= 0) fail(line, 'box dimensions must be positive');
      for (const flag of [fl, fw, fh]) if (flag !== 0 && flag !== 1) fail(line, `orientation flag must be 0 or 1, got ${flag}`);
      if (fl + fw + fh === 0) fail(line, 'no dimension may be vertical');
      if (q < 0) fail(line, `quantity must not be negative, got ${q}`);
      boxTypes.push({
        id: String(id),
        lengthCm: l,
        widthCm: w,
        heightCm: h,
        quantity: q,
        verticalAllowed: { length: fl === 1, width: fw === 1, height: fh === 1 },
      });
    }
    problems.push({ problemNumber, seed, input: { container: { id: `BR-${problemNumber}`, lengthCm: L, widthCm: W, heightCm: H }, boxTypes } });
  }
  while (lineIndex < lines.length && lines[lineIndex]!.trim() === '') lineIndex++;
  if (lineIndex < lines.length) fail(lineIndex + 1, `unexpected content after ${problemCount} problems`);
  return problems;
}
