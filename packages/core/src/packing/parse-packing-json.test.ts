import { describe, expect, it } from 'vitest';
import { CoreError } from '../shared/core-error';
import { parsePackingJson } from './parse-packing-json';

const valid = `{
  "container": { "id": "truck", "lengthCm": 1360, "widthCm": 245, "heightCm": 270, "maxPayloadKg": 24000 },
  "boxTypes": [
    { "id": "A", "lengthCm": 120, "widthCm": 80, "heightCm": 100, "quantity": 10, "weightKg": 300, "stopSequence": 2 },
    { "id": "B", "lengthCm": 60, "widthCm": 40, "heightCm": 30, "quantity": 40, "verticalAllowed": { "length": false, "width": true, "height": true }, "stackable": true }
  ]
}
`;

function lineError(text: string): { line: unknown; message: string; path: string | undefined } {
  try {
    parsePackingJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    const e = error as CoreError;
    return { line: e.details.line, message: e.message, path: e.path };
  }
  throw new Error('expected a CoreError');
}

describe('parsePackingJson', () => {
  it('reads the project format', () => {
    const input = parsePackingJson(valid);
    expect(input.container.lengthCm).toBe(1360);
    expect(input.boxTypes).toHaveLength(2);
    expect(input.boxTypes[1]!.verticalAllowed).toEqual({ length: false, width: true, height: true });
  });

  it('names the line of a bad field', () => {
    const bad = valid.replace('"widthCm": 40', '"widthCm": -40');
    expect(lineError(bad)).toEqual({ line: 5, message: expect.stringMatching(/^line 5: boxTypes\[1\]\.widthCm must be greater than 0/), path: 'boxTypes[1].widthCm' });
    const noQuantity = valid.replace('"quantity": 10, ', '');
    expect(lineError(noQuantity).line).toBe(4);
    expect(lineError(valid.replace('"maxPayloadKg": 24000', '"maxPayloadKg": "heavy"')).line).toBe(2);
    expect(lineError(valid.replace('"stackable": true', '"stackable": true, "colour": "red"')).message).toMatch(/^line 5: unknown field boxTypes\[1\]\.colour/);
    expect(lineError(valid.replace('"id": "B"', '"id": "A"')).message).toMatch(/^line 5: duplicate box type id/);
  });

  it('names the line of a syntax error', () => {
    expect(lineError(valid.replace('"quantity": 10,', '"quantity": 10')).message).toMatch(/^line 4: expected ',' or '}'/);
    expect(lineError('{\n  "container": {}\n').message).toMatch(/^line 3: /);
    expect(lineError('[1, 2]').message).toMatch(/^line 1: the file must hold a JSON object/);
    expect(lineError('{ "container": { "lengthCm": 1 }, "container": {} }').message).toContain('duplicate property');
  });
});
