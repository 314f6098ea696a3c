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
const EPS = 1e-9;

/**
 * Far-to-near order of the boxes for this view (from +x, +y, +z). Two outlines (hexagons) overlap
 * when the ranges of x − y, x − z and y − z over both boxes overlap; the one whose far side along some
 * axis is at or below the other's near side is then drawn first.
 */
function paintingOrder(boxes: readonly PackedBox[]): number[] {
  const n = boxes.length;
  const key = boxes.map((b) => b.xCm + b.sizeXCm / 2 + b.yCm + b.sizeYCm / 2 + b.zCm + b.sizeZCm / 2);
  const after: number[][] = boxes.map(() => []);
  const indegree = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const a = boxes[i]!;
    const ax1 = a.xCm + a.sizeXCm;
    const ay1 = a.yCm + a.sizeYCm;
    const az1 = a.zCm + a.sizeZCm;
    for (let j = i + 1; j < n; j++) {
      const b = boxes[j]!;
      const bx1 = b.xCm + b.sizeXCm;
      const by1 = b.yCm + b.sizeYCm;
      const bz1 = b.zCm + b.sizeZCm;
      if (Math.min(ax1 - a.yCm, bx1 - b.yCm) - Math.max(a.xCm - ay1, b.xCm - by1) <= EPS) continue;
      if (Math.min(ax1 - a.zCm, bx1 - b.zCm) - Math.max(a.xCm - az1, b.xCm - bz1) <= EPS) continue;
      if (Math.min(ay1 - a.zCm, by1 - b.zCm) - Math.max(a.yCm - az1, b.yCm - bz1) <= EPS) continue;
      const aBehind = ax1 <= b.xCm + EPS || ay1 <= b.yCm + EPS || az1 <= b.zCm + EPS;
      const [first, second] = aBehind ? [i, j] : [j, i];
      after[first]!.push(second);
      indegree[second]!++;
    }
  }
  const done = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  const better = (c: number, d: number): boolean => key[c]! < key[d]! || (key[c] === key[d] && c < d);
  while (order.length < n) {
    let pick = -1;
    for (let i = 0; i < n; i++) if (!done[i] && indegree[i] === 0 && (pick < 0 || better(i, pick))) pick = i;
    // A cycle (not expected for boxes that do not overlap): fall back to the nearest-centre rule.
    if (pick < 0) for (let i = 0; i < n; i++) if (!done[i] && (pick < 0 || better(i, pick))) pick = i;
    done[pick] = true;
    order.push(pick);
    for (const k of after[pick]!) indegree[k]!--;
  }
  return order;
}
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
 * Projection: screen u = (x − y)·cos 30°, v = (x + y)·sin 30° − z. Painter's order: when two box
 * outlines overlap on screen, the box lying behind along a separating axis (x, y or z) is drawn
 * first (topological sort; ties by x + y + z of the centres). Pure string output, no I/O.
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
  for (const i of paintingOrder(placements)) {
    const b = placements[i]!;
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
