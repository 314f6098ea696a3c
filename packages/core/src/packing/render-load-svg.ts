import type { PackedBox, PackingContainer } from './types';

export type RenderLoadSvgOptions = {
  /** Colour per box type (default) or per delivery stop. */
  colourBy?: 'boxType' | 'stop';
  /** Picture width in pixels. Default 900. */
  widthPx?: number;
  /** Title line written above the picture. */
  title?: string;
};

const COS30 = Math.cos(Math.PI / 6);
const SIN30 = 0.5;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Golden-angle hues so neighbouring keys differ; lightness shades the three faces. */
function colour(index: number, lightnessPct = 62): string {
  const hue = (index * 137.508) % 360;
  return `hsl(${hue.toFixed(1)},60%,${lightnessPct}%)`;
}

/**
 * Draws a load as an isometric SVG picture (string): the container outline, each box as three shaded
 * faces (top, door side x+, side y+), coloured per box type or per stop, with a legend.
 * Projection: screen u = (x − y)·cos 30°, v = (x + y)·sin 30° − z; boxes are painted far to near
 * (ascending x + y + z of their centres). Pure string output, no I/O.
 * Example: one 50 × 50 × 50 box in a 100 × 100 × 100 container gives an SVG with 3 box faces.
 */
export function renderLoadSvg(container: PackingContainer, placements: readonly PackedBox[], options: RenderLoadSvgOptions = {}): string {
  const colourBy = options.colourBy ?? 'boxType';
  const widthPx = options.widthPx ?? 900;
  const L = container.lengthCm;
  const W = container.widthCm;
  const H = container.heightCm;
  const project = (x: number, y: number, z: number): [number, number] => [(x - y) * COS30, (x + y) * SIN30 - z];
  const corners = [
    project(0, 0, 0), project(L, 0, 0), project(0, W, 0), project(L, W, 0),
    project(0, 0, H), project(L, 0, H), project(0, W, H), project(L, W, H),
  ];
  const minU = Math.min(...corners.map((c) => c[0]));
  const maxU = Math.max(...corners.map((c) => c[0]));
  const minV = Math.min(...corners.map((c) => c[1]));
  const maxV = Math.max(...corners.map((c) => c[1]));
  const margin = 20;
  const headerPx = 40;
  const keys = [...new Set(placements.map((b) => (colourBy === 'stop' ? String(b.stopSequence) : b.boxTypeId)))].sort((a, b) =>
    colourBy === 'stop' ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0,
  );
  const legendRows = Math.ceil(keys.length / 6);
  const scale = (widthPx - 2 * margin) / (maxU - minU);
  const heightPx = Math.ceil((maxV - minV) * scale + 2 * margin + headerPx + legendRows * 20);
  const toScreen = (x: number, y: number, z: number): string => {
    const [u, v] = project(x, y, z);
    return `${((u - minU) * scale + margin).toFixed(1)},${((v - minV) * scale + margin + headerPx).toFixed(1)}`;
  };
  const poly = (points: [number, number, number][], fill: string, extra = ''): string =>
    `<polygon points="${points.map((p) => toScreen(p[0], p[1], p[2])).join(' ')}" fill="${fill}"${extra}/>`;
  const colourOf = new Map(keys.map((k, i) => [k, colour(i)]));
  const shadeOf = new Map(keys.map((k, i) => [k, [colour(i, 50), colour(i, 40)] as const]));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}" viewBox="0 0 ${widthPx} ${heightPx}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  if (options.title) out.push(`<text x="${margin}" y="24" font-size="15">${escapeXml(options.title)}</text>`);
  // Back walls and floor of the container, drawn first.
  const wall = ' stroke="#888" stroke-width="0.8"';
  out.push(poly([[0, 0, 0], [L, 0, 0], [L, W, 0], [0, W, 0]], '#f2f2f2', wall));
  out.push(poly([[0, 0, 0], [0, W, 0], [0, W, H], [0, 0, H]], '#e8e8e8', wall));
  out.push(poly([[0, 0, 0], [L, 0, 0], [L, 0, H], [0, 0, H]], '#ededed', wall));
  const order = placements
    .map((b, i) => ({ b, i, key: b.xCm + b.sizeXCm / 2 + b.yCm + b.sizeYCm / 2 + b.zCm + b.sizeZCm / 2 }))
    .sort((a, c) => a.key - c.key || a.i - c.i);
  for (const { b } of order) {
    const key = colourBy === 'stop' ? String(b.stopSequence) : b.boxTypeId;
    const fill = colourOf.get(key)!;
    const [sideX, sideY] = shadeOf.get(key)!;
    const x0 = b.xCm;
    const y0 = b.yCm;
    const z0 = b.zCm;
    const x1 = x0 + b.sizeXCm;
    const y1 = y0 + b.sizeYCm;
    const z1 = z0 + b.sizeZCm;
    const edge = ' stroke="#333" stroke-width="0.5"';
    out.push(`<g><title>${escapeXml(`${b.boxTypeId} stop ${b.stopSequence} at (${x0}, ${y0}, ${z0})`)}</title>`);
    out.push(poly([[x0, y0, z1], [x1, y0, z1], [x1, y1, z1], [x0, y1, z1]], fill, edge));
    out.push(poly([[x1, y0, z0], [x1, y1, z0], [x1, y1, z1], [x1, y0, z1]], sideX, edge));
    out.push(poly([[x0, y1, z0], [x1, y1, z0], [x1, y1, z1], [x0, y1, z1]], sideY, edge));
    out.push('</g>');
  }
  // Front edges of the container outline, drawn last so the shape stays readable.
  const line = (a: [number, number, number], c: [number, number, number]): string =>
    `<polyline points="${toScreen(...a)} ${toScreen(...c)}" stroke="#555" stroke-width="1" fill="none" stroke-dasharray="4 3"/>`;
  out.push(line([L, 0, 0], [L, 0, H]), line([L, W, 0], [L, W, H]), line([0, W, 0], [0, W, H]), line([0, 0, H], [L, 0, H]));
  out.push(line([L, 0, H], [L, W, H]), line([0, W, H], [L, W, H]), line([L, 0, 0], [L, W, 0]), line([0, W, 0], [L, W, 0]));
  const door = project(L, W / 2, 0);
  out.push(`<text x="${((door[0] - minU) * scale + margin).toFixed(1)}" y="${((door[1] - minV) * scale + margin + headerPx + 16).toFixed(1)}" text-anchor="middle" fill="#555">door</text>`);
  const legendTop = heightPx - legendRows * 20 - 4;
  keys.forEach((k, i) => {
    const x = margin + (i % 6) * 140;
    const y = legendTop + Math.floor(i / 6) * 20;
    out.push(`<rect x="${x}" y="${y}" width="12" height="12" fill="${colourOf.get(k)}" stroke="#333" stroke-width="0.5"/>`);
    out.push(`<text x="${x + 18}" y="${y + 11}">${escapeXml(colourBy === 'stop' ? `stop ${k}` : `box type ${k}`)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
