import { describe, expect, it } from 'vitest';
import { computeValueStreamMap, type ValueStreamMapInput } from './value-stream-map';
import { toValueStreamMapSvg, VSM_SVG_LABELS_EN } from './value-stream-map-svg';
import acme from '../../../../examples/lean/acme-stamping-vsm.json';

describe('toValueStreamMapSvg (Learning to See symbols)', () => {
  const result = computeValueStreamMap(acme as unknown as ValueStreamMapInput);
  const svg = toValueStreamMapSvg(result);

  it('draws one process box per step and one triangle per inventory, with the ladder totals', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<g class="process"/g)).toHaveLength(5);
    expect(svg.match(/<polygon /g)).toHaveLength(6);
    expect(svg).toContain('23.6 days');
    expect(svg).toContain('188 s');
    expect(svg).toContain('Takt time: 60 s');
    expect(svg).toContain('C/O = 60 min');
    expect(svg).toContain('Uptime = 85 %');
    // Assembly #1 (62 s > takt 60 s) gets a red data box.
    expect(svg.match(/stroke="#dc2626"/g)).toHaveLength(1);
  });

  it('escapes text and is deterministic', () => {
    const named = toValueStreamMapSvg({ ...result, name: 'A & B <test>' });
    expect(named).toContain('A &amp; B &lt;test&gt;');
    expect(toValueStreamMapSvg(result)).toBe(svg);
    expect(toValueStreamMapSvg(result, { ...VSM_SVG_LABELS_EN, days: 'jours' })).toContain('23.6 jours');
  });
});
