import { describe, expect, it } from 'vitest';
import { renderLoadSvg } from './render-load-svg';
import type { PackedBox } from './types';

const container = { lengthCm: 100, widthCm: 100, heightCm: 100 };
const box = (id: string, x: number, stop = 1): PackedBox => ({ boxTypeId: id, stopSequence: stop, xCm: x, yCm: 0, zCm: 0, sizeXCm: 50, sizeYCm: 50, sizeZCm: 50 });

describe('renderLoadSvg', () => {
  it('draws three faces per box plus the floor and two back walls (doc example: one box, 3 faces)', () => {
    const svg = renderLoadSvg(container, [box('A', 0)]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<polygon /g)).toHaveLength(3 + 3);
    expect(renderLoadSvg(container, [box('A', 0), box('B', 50)]).match(/<polygon /g)).toHaveLength(6 + 3);
  });

  it('colours per box type or per stop, with a legend, and escapes text', () => {
    const load = [box('A<1>', 0, 2), box('B', 50, 1)];
    const byType = renderLoadSvg(container, load, { title: 'Load & go' });
    expect(byType).toContain('box type A&lt;1&gt;');
    expect(byType).toContain('Load &amp; go');
    const byStop = renderLoadSvg(container, load, { colourBy: 'stop' });
    expect(byStop).toContain('stop 1');
    expect(byStop).toContain('stop 2');
    expect(byStop).not.toContain('box type');
  });

  it('paints far boxes before near ones so the near box covers the far one', () => {
    const svg = renderLoadSvg(container, [box('near', 50), box('far', 0)]);
    expect(svg.indexOf('far stop')).toBeLessThan(svg.indexOf('near stop'));
  });

  it('draws an empty container', () => {
    const svg = renderLoadSvg(container, []);
    expect(svg.match(/<polygon /g)).toHaveLength(3);
  });
});
