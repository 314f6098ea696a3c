import type { WarehouseLayout, Waypoint } from './types';

export type WarehouseSvgInput = {
  layout: WarehouseLayout;
  /** A value per location id (e.g. picks per period); bays are coloured by the sum over their levels. */
  heat?: Record<string, number>;
  /** A walked route (PickRouteResult.waypoints) drawn over the layout. */
  route?: Waypoint[];
  pixelsPerM?: number;
  title?: string;
};

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** White → orange → red scale for a share in 0–1. */
function heatColour(share: number): string {
  const s = Math.max(0, Math.min(1, share));
  const g = Math.round(255 - 200 * s);
  const b = Math.round(255 - 255 * Math.min(1, s * 1.6));
  return `rgb(255,${g},${b})`;
}

/**
 * SVG picture of the picking block: bays coloured by heat (sum over levels, scaled to the hottest bay), the depot
 * as a square on the front cross aisle, and an optional route as a polyline. The front cross aisle is drawn at the
 * bottom. Pure string output (no I/O): the caller writes the file.
 * Example: toWarehouseSvg({ layout, heat: { 'A01-B01-L1': 10 }, route }) starts with '<svg'.
 */
export function toWarehouseSvg(input: WarehouseSvgInput): string {
  const { layout } = input;
  const scale = input.pixelsPerM ?? 20;
  const margin = 40;
  const aisleLengthM = layout.baysPerAisle * layout.bayWidthM;
  const widthM = (layout.aisleCount - 1) * layout.aisleSpacingM;
  const width = Math.round(widthM * scale + 2 * margin);
  const height = Math.round(aisleLengthM * scale + 2 * margin + 20);
  const px = (xM: number): number => Math.round((margin + xM * scale) * 10) / 10;
  const py = (yM: number): number => Math.round((margin + 10 + (aisleLengthM - yM) * scale) * 10) / 10;
  const bayHeat = new Map<string, number>();
  for (const location of layout.locations) {
    if (location.aisleIndex === undefined || location.bay === undefined) continue;
    const key = `${location.aisleIndex}:${location.bay}`;
    bayHeat.set(key, (bayHeat.get(key) ?? 0) + (input.heat?.[location.id] ?? 0));
  }
  const hottest = Math.max(0, ...bayHeat.values());
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#fafafa"/>`);
  if (input.title !== undefined) parts.push(`<text x="${margin}" y="16" font-size="12">${escapeXml(input.title)}</text>`);
  const rackWidth = Math.max(2, Math.min(layout.aisleSpacingM * scale * 0.3, 14));
  for (let aisle = 0; aisle < layout.aisleCount; aisle += 1) {
    const x = px(aisle * layout.aisleSpacingM);
    for (let bay = 1; bay <= layout.baysPerAisle; bay += 1) {
      const heat = bayHeat.get(`${aisle}:${bay}`) ?? 0;
      const fill = heatColour(hottest > 0 ? heat / hottest : 0);
      const yTop = py(bay * layout.bayWidthM);
      const h = Math.round(layout.bayWidthM * scale * 10) / 10;
      for (const side of [-1, 1]) {
        const xLeft = side < 0 ? x - rackWidth - 3 : x + 3;
        parts.push(`<rect x="${Math.round(xLeft * 10) / 10}" y="${yTop}" width="${rackWidth}" height="${h}" fill="${fill}" stroke="#999" stroke-width="0.5"><title>aisle ${aisle + 1} bay ${bay}: ${heat}</title></rect>`);
      }
    }
    parts.push(`<text x="${x}" y="${py(0) + 16}" text-anchor="middle">${aisle + 1}</text>`);
  }
  const depotX = px(layout.depotAisleIndex * layout.aisleSpacingM);
  parts.push(`<rect x="${depotX - 5}" y="${py(0) - 5}" width="10" height="10" fill="#1f4e9c"><title>depot</title></rect>`);
  if (input.route !== undefined && input.route.length > 1) {
    const points = input.route.map((point) => `${px(point.xM)},${py(point.yM)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="#1f77b4" stroke-width="2" stroke-linejoin="round" opacity="0.85"/>`);
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
