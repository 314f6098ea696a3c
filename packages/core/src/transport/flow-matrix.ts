import { CoreError } from '../shared/core-error';

export type FlowRecord = { origin: string; destination: string; weightKg: number; cost?: number; co2eKg?: number };

export type FlowCell = { origin: string; destination: string; shipments: number; weightKg: number; cost: number; co2eKg: number };

export type FlowMatrix = {
  origins: string[];
  destinations: string[];
  /** Non-empty cells, sorted by origin then destination. */
  cells: FlowCell[];
  totals: { shipments: number; weightKg: number; cost: number; co2eKg: number };
};

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Origin–destination matrix of shipments, weight, cost and CO2e: each cell sums the records of its pair.
 * Example: [A→B 100 kg 50 €, A→B 300 kg 90 €, A→C 20 kg 10 €] → A→B: 2 shipments, 400 kg, 140 €; A→C: 1, 20 kg, 10 €.
 * Throws invalid_input (missing origin/destination), not_finite, negative_value.
 */
export function buildFlowMatrix(records: readonly FlowRecord[]): FlowMatrix {
  const cells = new Map<string, FlowCell>();
  records.forEach((record, index) => {
    const path = `records[${index}]`;
    if (typeof record.origin !== 'string' || record.origin === '' || typeof record.destination !== 'string' || record.destination === '') {
      throw new CoreError('invalid_input', 'origin and destination are required', { path });
    }
    for (const field of ['weightKg', 'cost', 'co2eKg'] as const) {
      const value = record[field];
      if (value === undefined && field !== 'weightKg') continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `${field} must be finite`, { path: `${path}.${field}` });
      if (value < 0) throw new CoreError('negative_value', `${field} must be ≥ 0`, { path: `${path}.${field}` });
    }
    const key = `${record.origin}\u0000${record.destination}`;
    const cell = cells.get(key) ?? { origin: record.origin, destination: record.destination, shipments: 0, weightKg: 0, cost: 0, co2eKg: 0 };
    cell.shipments += 1;
    cell.weightKg += record.weightKg;
    cell.cost += record.cost ?? 0;
    cell.co2eKg += record.co2eKg ?? 0;
    cells.set(key, cell);
  });
  const sorted = [...cells.values()].sort((a, b) => byId(a.origin, b.origin) || byId(a.destination, b.destination));
  return {
    origins: [...new Set(sorted.map((c) => c.origin))].sort(byId),
    destinations: [...new Set(sorted.map((c) => c.destination))].sort(byId),
    cells: sorted,
    totals: {
      shipments: sorted.reduce((s, c) => s + c.shipments, 0),
      weightKg: sorted.reduce((s, c) => s + c.weightKg, 0),
      cost: sorted.reduce((s, c) => s + c.cost, 0),
      co2eKg: sorted.reduce((s, c) => s + c.co2eKg, 0),
    },
  };
}

export type FlowSite = { id: string; latitude: number; longitude: number; label?: string };

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * SVG flow map: sites placed by an equirectangular projection (x ∝ longitude·cos(mean latitude), y ∝ −latitude),
 * one line per OD cell with width ∝ √(weight share) (area-like), tooltips with weight and cost.
 * Example: toFlowMapSvg(buildFlowMatrix(records), sites) contains one <line> per cell.
 * Throws unknown_reference when a cell's site has no coordinates.
 */
export function toFlowMapSvg(matrix: FlowMatrix, sites: readonly FlowSite[], options: { widthPx?: number; title?: string } = {}): string {
  const siteById = new Map(sites.map((site) => [site.id, site]));
  for (const cell of matrix.cells) {
    for (const id of [cell.origin, cell.destination]) {
      if (!siteById.has(id)) throw new CoreError('unknown_reference', `site ${id} has no coordinates`, { path: 'sites' });
    }
  }
  const used = [...new Set(matrix.cells.flatMap((c) => [c.origin, c.destination]))].sort(byId).map((id) => siteById.get(id)!);
  const widthPx = options.widthPx ?? 800;
  const margin = 50;
  const meanLatitude = used.length === 0 ? 0 : used.reduce((s, site) => s + site.latitude, 0) / used.length;
  const k = Math.cos((meanLatitude * Math.PI) / 180);
  const xs = used.map((site) => site.longitude * k);
  const ys = used.map((site) => -site.latitude);
  const x0 = xs.length > 0 ? Math.min(...xs) : 0;
  const minY = ys.length > 0 ? Math.min(...ys) : 0;
  const spanX = xs.length > 0 ? Math.max(...xs) - x0 : 0;
  const spanY = ys.length > 0 ? Math.max(...ys) - minY : 0;
  const scale = (widthPx - 2 * margin) / Math.max(spanX, spanY, 1e-6);
  const heightPx = Math.round(spanY * scale + 2 * margin);
  const project = (site: FlowSite): [number, number] => [Math.round((margin + (site.longitude * k - x0) * scale) * 10) / 10, Math.round((margin + (-site.latitude - minY) * scale) * 10) / 10];
  const maxWeight = Math.max(1e-9, ...matrix.cells.map((c) => c.weightKg));
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}" viewBox="0 0 ${widthPx} ${heightPx}" font-family="sans-serif" font-size="11">`, `<rect width="${widthPx}" height="${heightPx}" fill="#fbfbf8"/>`];
  if (options.title !== undefined) parts.push(`<text x="${margin}" y="20" font-size="13">${escapeXml(options.title)}</text>`);
  for (const cell of [...matrix.cells].sort((a, b) => b.weightKg - a.weightKg || byId(a.origin, b.origin) || byId(a.destination, b.destination))) {
    const [x1, y1] = project(siteById.get(cell.origin)!);
    const [x2, y2] = project(siteById.get(cell.destination)!);
    const stroke = Math.round((1 + 11 * Math.sqrt(cell.weightKg / maxWeight)) * 10) / 10;
    parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#d95f02" stroke-opacity="0.6" stroke-width="${stroke}" stroke-linecap="round"><title>${escapeXml(`${cell.origin} → ${cell.destination}: ${cell.shipments} shipments, ${Math.round(cell.weightKg)} kg, cost ${Math.round(cell.cost * 100) / 100}`)}</title></line>`);
  }
  for (const site of used) {
    const [x, y] = project(site);
    parts.push(`<circle cx="${x}" cy="${y}" r="4" fill="#1b4f72"/><text x="${x + 6}" y="${y - 6}">${escapeXml(site.label ?? site.id)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
