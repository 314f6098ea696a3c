import { describe, expect, it } from 'vitest';
import { GS1_FNC1_SEPARATOR, encodeGs1ElementString } from '@flowpilot/core';
import { computeShipmentCode128Check, encodeShipmentCode128, encodeShipmentGs1128, renderShipmentCode128Svg, shipmentCode128Widths } from './code128-symbol';

/** Reads modules back into symbol values and data (a reference decoder written from ISO/IEC 15417 §4.3). */
function decode(modules: string): { values: number[]; data: string } {
  const runs: number[] = [];
  let i = 0;
  while (i < modules.length) {
    let j = i;
    while (modules[j] === modules[i]) j += 1;
    runs.push(j - i);
    i = j;
  }
  const byWidths = new Map<string, number>();
  for (let v = 0; v <= 106; v += 1) byWidths.set(shipmentCode128Widths(v), v);
  const values: number[] = [];
  let k = 0;
  while (k < runs.length) {
    const size = runs.length - k === 7 ? 7 : 6;
    const value = byWidths.get(runs.slice(k, k + size).join(''));
    if (value === undefined) throw new Error(`no symbol character at run ${k}`);
    values.push(value);
    k += size;
  }
  expect(values.at(-1)).toBe(106);
  const check = values.at(-2)!;
  expect(computeShipmentCode128Check(values.slice(0, -2))).toBe(check);
  let set = values[0] === 105 ? 'C' : 'B';
  let data = '';
  values.slice(1, -2).forEach((v, index) => {
    if (v === 102) data += index === 0 ? ']C1' : GS1_FNC1_SEPARATOR;
    else if (set === 'C' && v === 100) set = 'B';
    else if (set === 'B' && v === 99) set = 'C';
    else data += set === 'C' ? String(v).padStart(2, '0') : String.fromCharCode(v + 32);
  });
  return { values, data };
}

describe('Code 128 symbology (ISO/IEC 15417)', () => {
  it('check character: Wikipedia "Code 128" PJJ123C in set A = 54; barcodeisland.com HI345678 (Start A, Code C) = 67', () => {
    expect(computeShipmentCode128Check([103, 48, 42, 42, 17, 18, 19, 35])).toBe(54);
    expect(computeShipmentCode128Check([103, 40, 41, 99, 34, 56, 78])).toBe(67);
  });

  it('start and stop patterns as published (barcodeisland.com Code 128 table: Start B 11010010000, Start C 11010011100, Stop 1100011101011)', () => {
    const modulesOf = (value: number) => [...shipmentCode128Widths(value)].map((w, k) => (k % 2 === 0 ? '1' : '0').repeat(Number(w))).join('');
    expect(modulesOf(103)).toBe('11010000100');
    expect(modulesOf(104)).toBe('11010010000');
    expect(modulesOf(105)).toBe('11010011100');
    expect(modulesOf(106)).toBe('1100011101011');
    for (let v = 0; v < 106; v += 1) expect([...shipmentCode128Widths(v)].reduce((s, w) => s + Number(w), 0)).toBe(11);
  });

  it('HI345678 → Start B, H, I, Code C, 34, 56, 78, check 68 (shortest: digits paired in set C)', () => {
    const symbol = encodeShipmentCode128('HI345678');
    expect(symbol.values).toEqual([104, 40, 41, 99, 34, 56, 78, 68, 106]);
    expect(decode(symbol.modules).data).toBe('HI345678');
    expect(symbol.modules.length).toBe(8 * 11 + 13);
  });

  it('GS1-128 SSCC (00)106141411234567897: Start C, FNC1, 10 digit pairs, check 34 (hand-computed: 3639 mod 103)', () => {
    const symbol = encodeShipmentGs1128('00106141411234567897');
    expect(symbol.values).toEqual([105, 102, 0, 10, 61, 41, 41, 12, 34, 56, 78, 97, 34, 106]);
    expect(decode(symbol.modules).data).toBe(']C100106141411234567897');
  });

  it('a content element string with a lot and FNC1 separators reads back identically', () => {
    const content = encodeGs1ElementString([{ ai: '02', value: '04006381333931' }, { ai: '37', value: '20' }, { ai: '10', value: 'F-1' }, { ai: '17', value: '270131' }]);
    const symbol = encodeShipmentGs1128(content.elementString);
    expect(decode(symbol.modules).data).toBe(`]C1${content.elementString}`);
    for (const text of ['A', '1', '12', '123', 'AB12345', '1234A5678', 'lot-7/b 9']) expect(decode(encodeShipmentCode128(text).modules).data).toBe(text);
  });

  it('refuses characters outside the sets and renders bars as SVG rects with quiet zones', () => {
    expect(() => encodeShipmentCode128('é')).toThrow(/cannot be encoded/);
    expect(() => encodeShipmentCode128('')).toThrow(/Nothing/);
    const symbol = encodeShipmentCode128('12');
    const svg = renderShipmentCode128Svg(symbol, { humanReadable: '12 & <x>', moduleWidthMm: 1 });
    expect(svg.widthMm).toBe(symbol.modules.length + 20);
    expect(svg.svg).toContain('<rect x="10" y="0" width="2"');
    expect(svg.svg).toContain('12 &amp; &lt;x&gt;');
  });
});
