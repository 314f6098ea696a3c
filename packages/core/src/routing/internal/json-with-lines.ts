import { lineError } from './line-error';

/** A parsed JSON document that remembers on which line each value starts. */
export type JsonWithLines = {
  value: unknown;
  /** Line where `container[key]` starts (or the container itself when key is undefined). */
  lineOf(container: object, key?: string | number): number;
};

/**
 * Small JSON parser (RFC 8259) that records line numbers, so that a semantic error ("stops[3].demand is
 * negative") can name its line. Syntax errors are thrown as CoreError 'invalid_input' with `line N`.
 */
export function parseJsonWithLines(text: string): JsonWithLines {
  let position = 0;
  let line = 1;
  const containerLines = new WeakMap<object, number>();
  const keyLines = new WeakMap<object, Map<string | number, number>>();

  const fail = (message: string): never => {
    throw lineError(line, `invalid JSON: ${message}`);
  };
  const skipSpace = (): void => {
    while (position < text.length) {
      const char = text[position]!;
      if (char === '\n') line++;
      else if (char !== ' ' && char !== '\t' && char !== '\r' && char !== '\ufeff') break;
      position++;
    }
  };
  const expect = (char: string): void => {
    skipSpace();
    if (text[position] !== char) fail(`expected '${char}' but found ${text[position] === undefined ? 'end of file' : `'${text[position]}'`}`);
    position++;
  };
  const parseString = (): string => {
    expect('"');
    let result = '';
    while (true) {
      const char = text[position];
      if (char === undefined || char === '\n') fail('unterminated string');
      position++;
      if (char === '"') return result;
      if (char === '\\') {
        const escape = text[position++];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (escape === 'u') {
          const hex = text.slice(position, position + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          result += String.fromCharCode(parseInt(hex, 16));
          position += 4;
        } else if (escape !== undefined && escape in simple) result += simple[escape];
        else fail(`bad escape \\${escape ?? ''}`);
      } else result += char;
    }
  };
  const parseValue = (): unknown => {
    skipSpace();
    const char = text[position];
    if (char === '{') {
      position++;
      const object: Record<string, unknown> = {};
      const lines = new Map<string | number, number>();
      containerLines.set(object, line);
      keyLines.set(object, lines);
      skipSpace();
      if (text[position] === '}') {
        position++;
        return object;
      }
      while (true) {
        skipSpace();
        const keyLine = line;
        const key = parseString();
        expect(':');
        skipSpace();
        lines.set(key, text[position] === undefined ? keyLine : line);
        object[key] = parseValue();
        skipSpace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        expect('}');
        return object;
      }
    }
    if (char === '[') {
      position++;
      const array: unknown[] = [];
      const lines = new Map<string | number, number>();
      containerLines.set(array, line);
      keyLines.set(array, lines);
      skipSpace();
      if (text[position] === ']') {
        position++;
        return array;
      }
      while (true) {
        skipSpace();
        lines.set(array.length, line);
        array.push(parseValue());
        skipSpace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        expect(']');
        return array;
      }
    }
    if (char === '"') return parseString();
    const literal = /^(true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(position, position + 64));
    if (!literal) return fail(char === undefined ? 'unexpected end of file' : `unexpected character '${char}'`);
    position += literal[0].length;
    const token = literal[0];
    return token === 'true' ? true : token === 'false' ? false : token === 'null' ? null : Number(token);
  };

  const value = parseValue();
  skipSpace();
  if (position < text.length) fail(`unexpected '${text[position]}' after the end of the document`);
  return {
    value,
    lineOf(container, key) {
      if (key === undefined) return containerLines.get(container) ?? 1;
      return keyLines.get(container)?.get(key) ?? containerLines.get(container) ?? 1;
    },
  };
}
