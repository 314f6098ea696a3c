import { describe, expect, it } from 'vitest';
import { validateEdifactEnvelope } from './validate-edifact-envelope';
import type { EdiSegment } from './types';

const seg = (text: string, position: number): EdiSegment => {
  const [tag, ...elements] = text.split('+');
  return { tag: tag!, elements: elements.map((e) => e.split(':')), position };
};
const build = (lines: string[]): EdiSegment[] => lines.map((l, i) => seg(l, i + 1));

// Envelope rules of ISO 9735-1 §8 and EANCOM 2002 part I (UNB/UNH/UNT/UNZ).
describe('validateEdifactEnvelope', () => {
  it('splits a valid interchange of two messages', () => {
    const { interchange, issues } = validateEdifactEnvelope(build([
      'UNB+UNOC:3+5412345000013:14+4012345000009:14+261124:0905+42', 'UNH+1+ORDERS:D:96A:UN:EAN008', 'BGM+220+A', 'UNT+3+1',
      'UNH+2+ORDERS:D:96A:UN:EAN008', 'BGM+220+B', 'DTM+137:20261124:102', 'UNT+4+2', 'UNZ+2+42',
    ]));
    expect(issues).toEqual([]);
    expect(interchange.sender).toEqual({ id: '5412345000013', qualifier: '14' });
    expect(interchange.preparedDate).toBe('2026-11-24');
    expect(interchange.messages.map((m) => [m.reference, m.type, m.segments.length, m.headerPosition])).toEqual([['1', 'ORDERS', 1, 2], ['2', 'ORDERS', 2, 5]]);
  });

  it('reports wrong UNT and UNZ counts and references with their segment and element', () => {
    const { issues } = validateEdifactEnvelope(build([
      'UNB+UNOC:3+A:ZZZ+B:ZZZ+261124:0905+42', 'UNH+1+ORDERS:D:96A:UN:EAN008', 'BGM+220+A', 'UNT+9+7', 'UNZ+3+43',
    ]));
    expect(issues.map((i) => [i.code, i.segmentTag, i.segmentPosition, i.elementPosition, i.messageReference])).toEqual([
      ['count_mismatch', 'UNZ', 5, 1, null], ['reference_mismatch', 'UNZ', 5, 2, null],
      ['count_mismatch', 'UNT', 4, 1, '1'], ['reference_mismatch', 'UNT', 4, 2, '1'],
    ]);
  });

  it('reports a missing UNB, an unclosed message and a missing UNZ', () => {
    expect(validateEdifactEnvelope(build(['UNH+1+ORDERS:D:96A:UN'])).issues[0]?.params).toEqual({ tag: 'UNB' });
    const { issues } = validateEdifactEnvelope(build(['UNB+UNOC:3+A+B+261124:0905+1', 'UNH+1+ORDERS:D:96A:UN', 'BGM+220+A']));
    expect(issues.map((i) => i.params.tag)).toEqual(['UNT', 'UNZ']);
  });

  it('flags a message reference used twice in one interchange', () => {
    const { issues } = validateEdifactEnvelope(build(['UNB+UNOC:3+A+B+261124:0905+1', 'UNH+1+ORDERS:D:96A:UN', 'UNT+2+1', 'UNH+1+ORDERS:D:96A:UN', 'UNT+2+1', 'UNZ+2+1']));
    expect(issues.map((i) => [i.code, i.segmentPosition])).toEqual([['duplicate_message', 4]]);
  });
});
