import { CoreError } from '../../shared/core-error';

/**
 * A small JSON reader that also remembers the 1-based line where each value starts, keyed by its
 * path (`boxTypes[2].lengthCm`), so that a rejected field can be reported with its line number.
 * Syntax errors throw CoreError('invalid_input') with "line N: reason".
 */
export function parseJsonWithLines(text: string): { value: unknown; lineOf: Map<string, number> } {
  let pos = 0;
  let line = 1;
  const lineOf = new Map<string, number>();
  const fail = (reason: string): never => {
    throw new CoreError('invalid_input', `line ${line}: ${reason}`, { path: `line ${line}`, details: { line } });
  };
  const skip = (): void => {
    while (pos < text.length) {
      const c = text[pos]!;
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\ufeff') break;
      pos++;
    }
  };
  const readString = (): string => {
    pos++;
    let out = '';
    while (pos < text.length) {
      const c = text[pos]!;
      if (c === '"') {
        pos++;
        return out;
      }
      if (c === '\n') fail('line break inside a string');
      if (c === '\\') {
        const e = text[pos + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape in a string');
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
          continue;
        }
        if (e === undefined || !(e in map)) fail(`bad escape \\${e ?? ''} in a string`);
        out += map[e!];
        pos += 2;
        continue;
      }
      out += c;
      pos++;
    }
    return fail('unterminated string');
  };
  const readValue = (path: string): unknown => {
    skip();
    if (pos >= text.length) fail('unexpected end of input');
    lineOf.set(path, line);
    const c = text[pos]!;
    if (c === '{') {
      pos++;
      const obj: Record<string, unknown> = {};
      skip();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail('expected a quoted property name');
        const key = readString();
        skip();
        if (text[pos] !== ':') fail(`expected ':' after "${key}"`);
        pos++;
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`duplicate property "${key}"`);
        obj[key] = readValue(path === '' ? key : `${path}.${key}`);
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return obj;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      pos++;
      const arr: unknown[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(readValue(`${path}[${arr.length}]`));
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return arr;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return readString();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 64));
    if (m) {
      pos += m[0].length;
      return Number(m[0]);
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    return fail(`unexpected character '${c}'`);
  };
  const value = readValue('');
  skip();
  if (pos < text.length) fail('unexpected content after the JSON value');
  return { value, lineOf };
}

/** The line of `path` or of its nearest parent that has one. */
export function lineOfPath(lineOf: Map<string, number>, path: string): number | undefined {
  let p = path;
  for (;;) {
    const found = lineOf.get(p);
    if (found !== undefined) return found;
    if (p === '') return undefined;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut <= 0 ? '' : p.slice(0, cut);
  }
}
