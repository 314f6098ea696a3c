// Maps each value path of a JSON text (`a.b[2].c`) to the 1-based line where the value starts, so that schema
// errors found after JSON.parse can still name a line. Assumes the text is valid JSON (JSON.parse ran first).
export function mapJsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let position = 0;
  let line = 1;
  const skipSpace = (): void => {
    while (position < text.length) {
      const c = text[position]!;
      if (c === '\n') line += 1;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      position += 1;
    }
  };
  const readString = (): string => {
    const start = position;
    position += 1;
    while (position < text.length && text[position] !== '"') position += text[position] === '\\' ? 2 : 1;
    position += 1;
    return JSON.parse(text.slice(start, position)) as string;
  };
  const value = (path: string): void => {
    skipSpace();
    lines.set(path, line);
    const c = text[position];
    if (c === '{') {
      position += 1;
      skipSpace();
      if (text[position] === '}') { position += 1; return; }
      for (;;) {
        skipSpace();
        const key = readString();
        skipSpace();
        position += 1; // ':'
        value(path === '' ? key : `${path}.${key}`);
        skipSpace();
        if (text[position] === ',') { position += 1; continue; }
        position += 1; // '}'
        return;
      }
    }
    if (c === '[') {
      position += 1;
      skipSpace();
      if (text[position] === ']') { position += 1; return; }
      for (let index = 0; ; index += 1) {
        value(`${path}[${index}]`);
        skipSpace();
        if (text[position] === ',') { position += 1; continue; }
        position += 1; // ']'
        return;
      }
    }
    if (c === '"') { readString(); return; }
    while (position < text.length && !',}] \t\r\n'.includes(text[position]!)) position += 1;
  };
  value('');
  return lines;
}

/** 1-based line of a character offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i += 1) if (text[i] === '\n') line += 1;
  return line;
}
