import { describe, expect, it } from 'vitest';
import { escapeEdifactValue, formatEdifactSegment, writeEdifactInterchange } from './write-edifact';

describe('writeEdifactInterchange (ISO 9735-1 §7.4 release character, §8 UNB/UNH/UNT/UNZ counts)', () => {
  it('escapes every service character with the release character', () => {
    expect(escapeEdifactValue("O'Neil+Co?")).toBe("O?'Neil?+Co??");
    expect(escapeEdifactValue('a:b')).toBe('a?:b');
  });

  it('drops trailing empty elements and components', () => {
    expect(formatEdifactSegment({ tag: 'NAD', elements: ['BY', ['5412345000013', '', '9'], '', ''] })).toBe("NAD+BY+5412345000013::9'");
    expect(formatEdifactSegment({ tag: 'LIN', elements: ['1', '', ''] })).toBe("LIN+1'");
  });

  it('frames messages with UNH/UNT segment counts and UNZ message count', () => {
    const text = writeEdifactInterchange({
      sender: { id: '5412345000013', qualifier: '14' }, recipient: { id: '4012345000009', qualifier: '14' },
      controlReference: '42', preparedDate: '2026-11-24', preparedTime: '09:05', applicationReference: 'EANCOM',
      messages: [
        { reference: '1', identifier: ['ORDERS', 'D', '96A', 'UN', 'EAN008'], segments: [{ tag: 'BGM', elements: ['220', 'PO+1', '9'] }, { tag: 'DTM', elements: [['137', '20261124', '102']] }, { tag: 'CNT', elements: [['2', '0']] }] },
        { reference: '2', identifier: ['ORDERS', 'D', '96A', 'UN', 'EAN008'], segments: [{ tag: 'BGM', elements: ['220', 'PO2', '9'] }] },
      ],
    });
    expect(text.split('\n').filter(Boolean)).toEqual([
      "UNA:+.? '",
      "UNB+UNOC:3+5412345000013:14+4012345000009:14+261124:0905+42++EANCOM'",
      "UNH+1+ORDERS:D:96A:UN:EAN008'", "BGM+220+PO?+1+9'", "DTM+137:20261124:102'", "CNT+2:0'", "UNT+5+1'",
      "UNH+2+ORDERS:D:96A:UN:EAN008'", "BGM+220+PO2+9'", "UNT+3+2'",
      "UNZ+2+42'",
    ]);
  });

  it('refuses a control reference longer than 14 characters (UNB 0020 an..14)', () => {
    expect(() => writeEdifactInterchange({ sender: { id: 'A', qualifier: 'ZZZ' }, recipient: { id: 'B', qualifier: 'ZZZ' }, controlReference: '123456789012345', preparedDate: '2026-11-24', preparedTime: '09:05', messages: [] })).toThrow(/controlReference/);
  });
});
