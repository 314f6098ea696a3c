import type { ValueStreamMapResult } from './value-stream-map';

const GAP = 100;
const BOX = 130;
const MARGIN = 20;
const SUMMARY = 210;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Rounds for display: up to `digits` decimals, trailing zeros dropped. */
function formatNumber(value: number, digits: number): string {
  const factor = 10 ** digits;
  return String(Math.round(value * factor) / factor);
}

function text(x: number, y: number, content: string, options: { size?: number; anchor?: 'start' | 'middle' | 'end'; weight?: 'bold' } = {}): string {
  const weight = options.weight ? ` font-weight="${options.weight}"` : '';
  return `<text x="${formatNumber(x, 2)}" y="${formatNumber(y, 2)}" font-size="${options.size ?? 11}" text-anchor="${options.anchor ?? 'middle'}"${weight}>${escapeXml(content)}</text>`;
}

/** Labels shown on the SVG; pass translated ones for another language. */
export type VsmSvgLabels = {
  takt: string;
  dailyDemand: string;
  cycleTime: string;
  changeover: string;
  uptime: string;
  operators: string;
  shifts: string;
  leadTime: string;
  processingTime: string;
  processCycleEfficiency: string;
  days: string;
  finishedGoods: string;
};

export const VSM_SVG_LABELS_EN: VsmSvgLabels = {
  takt: 'Takt time',
  dailyDemand: 'Demand/day',
  cycleTime: 'C/T',
  changeover: 'C/O',
  uptime: 'Uptime',
  operators: 'Operators',
  shifts: 'Shifts',
  leadTime: 'Production lead time',
  processingTime: 'Processing time',
  processCycleEfficiency: 'PCE',
  days: 'days',
  finishedGoods: 'Shipping',
};

/**
 * Draws a value stream map as a standalone SVG string: process boxes with their data boxes (C/T, C/O,
 * uptime, operators, shifts), inventory triangles with quantity and days, and the timeline ladder
 * (inventory days up, processing seconds down) with the lead time, processing time and PCE summary.
 * Symbols follow Rother & Shook, *Learning to See* (1999). Pure: same result → same string.
 * Example: the ACME Stamping map gives 5 process boxes, 6 triangles and "23.6 days" / "188 s".
 */
export function toValueStreamMapSvg(result: ValueStreamMapResult, labels: VsmSvgLabels = VSM_SVG_LABELS_EN): string {
  const n = result.steps.length;
  const width = MARGIN * 2 + n * (GAP + BOX) + GAP + SUMMARY;
  const height = 380;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(text(MARGIN, 24, result.name, { size: 15, anchor: 'start', weight: 'bold' }));
  parts.push(
    text(MARGIN, 44, `${labels.takt}: ${formatNumber(result.taktTimeSeconds, 1)} s · ${labels.dailyDemand}: ${formatNumber(result.dailyDemandUnits, 1)}`, { size: 12, anchor: 'start' }),
  );

  const processY = 80;
  const dataY = 130;
  const triangleY = 92;
  const inventoryLevelY = 300;
  const processLevelY = 340;

  const slotX = (index: number) => MARGIN + index * (GAP + BOX);
  const inventoriesBefore = (stepId: string | null) => result.inventories.filter((inventory) => inventory.beforeStepId === stepId);

  const drawInventories = (x: number, stepId: string | null) => {
    const list = inventoriesBefore(stepId);
    const cx = x + GAP / 2;
    let days = 0;
    list.forEach((inventory, k) => {
      const y = triangleY + k * 70;
      days += inventory.days;
      parts.push(`<g class="inventory" data-id="${escapeXml(inventory.id)}">`);
      parts.push(`<polygon points="${cx},${y} ${cx - 18},${y + 30} ${cx + 18},${y + 30}" fill="#fff3b0" stroke="#000000"/>`);
      parts.push(text(cx, y + 25, 'I', { size: 12, weight: 'bold' }));
      const caption = inventory.label ?? (inventory.quantityUnits === null ? '' : `${formatNumber(inventory.quantityUnits, 0)}`);
      if (caption) parts.push(text(cx, y + 44, caption, { size: 10 }));
      parts.push(text(cx, y + 57, `${formatNumber(inventory.days, 1)} ${labels.days}`, { size: 10 }));
      parts.push('</g>');
    });
    // Ladder: the upper level spans the gap with the inventory days waiting there.
    parts.push(`<polyline points="${x},${processLevelY} ${x},${inventoryLevelY} ${x + GAP},${inventoryLevelY} ${x + GAP},${processLevelY}" fill="none" stroke="#000000"/>`);
    parts.push(text(cx, inventoryLevelY - 6, `${formatNumber(days, 1)} ${labels.days}`, { size: 11 }));
  };

  result.steps.forEach((step, index) => {
    const x = slotX(index);
    drawInventories(x, step.id);
    const bx = x + GAP;
    parts.push(`<g class="process" data-id="${escapeXml(step.id)}">`);
    parts.push(`<rect x="${bx}" y="${processY}" width="${BOX}" height="50" fill="#dbeafe" stroke="#000000"/>`);
    parts.push(text(bx + BOX / 2, processY + 30, step.name, { size: 12, weight: 'bold' }));
    const stroke = step.cycleTimeSeconds > result.taktTimeSeconds ? '#dc2626' : '#000000';
    parts.push(`<rect x="${bx}" y="${dataY}" width="${BOX}" height="86" fill="#ffffff" stroke="${stroke}"/>`);
    const rows = [
      `${labels.cycleTime} = ${formatNumber(step.cycleTimeSeconds, 1)} s`,
      `${labels.changeover} = ${formatNumber(step.changeoverSeconds / 60, 1)} min`,
      `${labels.uptime} = ${formatNumber(step.uptime * 100, 1)} %`,
      ...(step.operators === null ? [] : [`${labels.operators} = ${formatNumber(step.operators, 1)}`]),
      ...(step.shifts === null ? [] : [`${labels.shifts} = ${formatNumber(step.shifts, 1)}`]),
    ];
    rows.forEach((row, k) => parts.push(text(bx + 8, dataY + 16 + k * 15, row, { size: 10, anchor: 'start' })));
    parts.push('</g>');
    // Ladder: the lower level spans the process box with its cycle time.
    parts.push(`<line x1="${bx}" y1="${processLevelY}" x2="${bx + BOX}" y2="${processLevelY}" stroke="#000000"/>`);
    parts.push(text(bx + BOX / 2, processLevelY + 16, `${formatNumber(step.cycleTimeSeconds, 1)} s`, { size: 11 }));
  });

  const fgX = slotX(n);
  drawInventories(fgX, null);
  parts.push(text(fgX + GAP / 2, processY - 8, labels.finishedGoods, { size: 10 }));

  const sx = fgX + GAP + 10;
  parts.push(`<rect x="${sx}" y="${inventoryLevelY - 30}" width="${SUMMARY - 20}" height="96" fill="#f3f4f6" stroke="#000000"/>`);
  parts.push(text(sx + 8, inventoryLevelY - 12, `${labels.leadTime} =`, { size: 11, anchor: 'start' }));
  parts.push(text(sx + 8, inventoryLevelY + 4, `${formatNumber(result.leadTimeDays, 1)} ${labels.days}`, { size: 12, anchor: 'start', weight: 'bold' }));
  parts.push(text(sx + 8, inventoryLevelY + 24, `${labels.processingTime} =`, { size: 11, anchor: 'start' }));
  parts.push(text(sx + 8, inventoryLevelY + 40, `${formatNumber(result.valueAddedTimeSeconds, 1)} s`, { size: 12, anchor: 'start', weight: 'bold' }));
  parts.push(text(sx + 8, inventoryLevelY + 58, `${labels.processCycleEfficiency} = ${formatNumber(result.processCycleEfficiency * 100, 4)} %`, { size: 11, anchor: 'start' }));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
