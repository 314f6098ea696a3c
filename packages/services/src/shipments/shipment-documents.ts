import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { CoreError, encodeGs1ElementString, isValidGs1Key, toNetWeightElement, type Gs1Element } from '@flowpilot/core';
import { encodeShipmentGs1128, escapeShipmentXml, renderShipmentCode128Svg } from './code128-symbol';
import { getShipment, type Shipment, type ShipmentLine } from './run-shipments';

export type ShipmentParty = { code: string; name: string; city: string | null; postalCode: string | null; country: string; gln: string | null };

/** One GS1-128 symbol of a label: what it is for, its human-readable interpretation, its data and bars. */
export type ShipmentLabelSymbol = { purpose: 'ship_to' | 'content' | 'sscc'; humanReadable: string; elementString: string; modules: string };

/** The label of one package (GS1 Logistic Label: ship-from, ship-to, content, SSCC). */
export type ShipmentLabel = {
  packageNumber: number; packageCount: number; packageType: string; sscc: string; shipmentNumber: string; shipDate: string;
  shipFrom: ShipmentParty; shipTo: ShipmentParty;
  contents: { lineNumber: number; orderNumber: string | null; itemCode: string; itemName: string; gtin: string | null; lotNumber: string; expiryDate: string | null; quantity: number; uomCode: string }[];
  grossWeightKg: number | null;
  symbols: ShipmentLabelSymbol[];
  /** Why a datum is only printed as text (no GTIN, lot not encodable, mixed package…). */
  warnings: string[];
  text: string;
  svg: string;
};

async function partiesOf(handle: DatabaseHandle, org: string, shipment: Shipment): Promise<{ shipFrom: ShipmentParty; shipTo: ShipmentParty }> {
  const from = (await sql<{ org_name: string; org_gln: string | null; name: string; city: string | null; postal_code: string | null; country: string; gln: string | null }>`
    select o.name as org_name, o.gln as org_gln, l.name, l.city, l.postal_code, l.country, l.gln from organization o join location l on l.organization_id = o.id and l.code = ${shipment.warehouseCode}
    where o.id = ${org}`.execute(handle.db)).rows[0];
  const to = (await sql<{ name: string; city: string | null; postal_code: string | null; country: string; gln: string | null }>`
    select name, city, postal_code, country, gln from customer where organization_id = ${org} and code = ${shipment.customerCode}`.execute(handle.db)).rows[0];
  return {
    shipFrom: { code: shipment.warehouseCode, name: from ? `${from.org_name} — ${from.name}` : shipment.warehouseCode, city: from?.city ?? null, postalCode: from?.postal_code ?? null, country: from?.country ?? '', gln: from?.gln ?? from?.org_gln ?? null },
    shipTo: { code: shipment.customerCode, name: to?.name ?? shipment.customerCode, city: to?.city ?? null, postalCode: to?.postal_code ?? null, country: to?.country ?? '', gln: to?.gln ?? null },
  };
}

/** YYMMDD of an ISO date (GS1 date fields). */
function gs1Date(isoDate: string): string {
  return isoDate.slice(2, 4) + isoDate.slice(5, 7) + isoDate.slice(8, 10);
}

function tryElement(element: Gs1Element, warnings: string[], what: string): Gs1Element | null {
  try {
    encodeGs1ElementString([element]);
    return element;
  } catch (error) {
    if (error instanceof CoreError) {
      warnings.push(`${what}: ${error.message}`);
      return null;
    }
    throw error;
  }
}

/**
 * Content elements of a homogeneous package (one item, one lot): AI 02 (GTIN of the contained trade items,
 * with AI 37 count), 10 batch/lot, 17 use-by date, 310n net weight. GS1 General Specifications §3.2, §4.15
 * (AI 02 only with AI 37 on a logistic unit that is not itself a trade item). A mixed package carries the SSCC only.
 */
function contentElements(lines: ShipmentLine[], itemWeightKg: number | null, warnings: string[]): Gs1Element[] {
  const items = new Set(lines.map((l) => l.itemCode));
  const lots = new Set(lines.map((l) => l.lotNumber));
  if (items.size !== 1 || lots.size !== 1) {
    warnings.push('mixed package: the SSCC symbol only (contents printed as text)');
    return [];
  }
  const first = lines[0]!;
  const quantity = lines.reduce((s, l) => s + l.quantity, 0);
  const elements: Gs1Element[] = [];
  if (first.gtin === null) warnings.push(`item ${first.itemCode} has no GTIN: no AI (02)/(37)`);
  else if (!Number.isInteger(quantity) || quantity > 99999999) warnings.push(`count ${quantity} is not a whole number of trade items: no AI (02)/(37)`);
  else {
    const gtin = tryElement({ ai: '02', value: first.gtin.padStart(14, '0') }, warnings, `GTIN ${first.gtin}`);
    if (gtin) elements.push(gtin, { ai: '37', value: String(quantity) });
  }
  if (first.lotNumber !== '') {
    const lot = tryElement({ ai: '10', value: first.lotNumber }, warnings, `lot ${first.lotNumber}`);
    if (lot) elements.push(lot);
  }
  if (first.expiryDate) {
    const expiry = tryElement({ ai: '17', value: gs1Date(first.expiryDate) }, warnings, `expiry ${first.expiryDate}`);
    if (expiry) elements.push(expiry);
  }
  if (itemWeightKg !== null) {
    const netKg = itemWeightKg * quantity;
    const decimals = netKg < 10000 ? 2 : netKg < 100000 ? 1 : 0;
    try {
      elements.push(toNetWeightElement(netKg, decimals));
    } catch (error) {
      if (!(error instanceof CoreError)) throw error;
      warnings.push(`net weight ${netKg} kg: ${error.message}`);
    }
  }
  return elements;
}

function partyLines(party: ShipmentParty): string[] {
  return [party.name, [party.postalCode, party.city].filter(Boolean).join(' '), party.country, party.gln ? `GLN ${party.gln}` : ''].filter((s) => s !== '');
}

/**
 * The GS1 logistic labels of a shipment, one per package: ship-from and ship-to, contents, and GS1-128
 * symbols — (410) ship-to GLN when the customer has one, the content symbol of a homogeneous package
 * ((02) GTIN + (37) count, (10) lot, (17) use-by, (310n) net weight), and (00) SSCC at the bottom — as
 * plain text and as a 100 × 150 mm SVG with Code 128 bars (ISO/IEC 15417).
 * Source: GS1 Logistic Label Guideline (2021) §3 (layout, SSCC symbol lowest), GS1 General Specifications §5.4.
 */
export async function renderShipmentLabels(handle: DatabaseHandle, organizationId: string, shipmentNumber: string): Promise<ShipmentLabel[]> {
  const shipment = await getShipment(handle, organizationId, shipmentNumber);
  const { shipFrom, shipTo } = await partiesOf(handle, organizationId, shipment);
  const weights = new Map((await sql<{ code: string; weight_kg: string | null }>`select code, weight_kg::text from item where organization_id = ${organizationId}
    and code in (select item_code from shipment_line where organization_id = ${organizationId} and shipment_number = ${shipmentNumber})`.execute(handle.db)).rows.map((r) => [r.code, r.weight_kg === null ? null : Number(r.weight_kg)] as const));
  return shipment.packages.map((pkg) => {
    const lines = shipment.lines.filter((l) => l.packageNumber === pkg.packageNumber);
    const warnings: string[] = [];
    const symbols: ShipmentLabelSymbol[] = [];
    if (shipTo.gln !== null) {
      if (isValidGs1Key(shipTo.gln, 'gln')) {
        const elementString = `410${shipTo.gln}`;
        symbols.push({ purpose: 'ship_to', humanReadable: `(410)${shipTo.gln}`, elementString, modules: encodeShipmentGs1128(elementString).modules });
      } else warnings.push(`customer GLN ${shipTo.gln} has a wrong check digit: no AI (410)`);
    }
    const content = contentElements(lines, lines.length > 0 ? weights.get(lines[0]!.itemCode) ?? null : null, warnings);
    if (content.length > 0) {
      const encoded = encodeGs1ElementString(content);
      symbols.push({ purpose: 'content', humanReadable: encoded.humanReadable, elementString: encoded.elementString, modules: encodeShipmentGs1128(encoded.elementString).modules });
    }
    const ssccString = encodeGs1ElementString([{ ai: '00', value: pkg.sscc }]);
    symbols.push({ purpose: 'sscc', humanReadable: ssccString.humanReadable, elementString: ssccString.elementString, modules: encodeShipmentGs1128(ssccString.elementString).modules });
    const contents = lines.map((l) => ({ lineNumber: l.lineNumber, orderNumber: l.orderNumber, itemCode: l.itemCode, itemName: l.itemName, gtin: l.gtin, lotNumber: l.lotNumber, expiryDate: l.expiryDate, quantity: l.quantity, uomCode: l.uomCode }));
    const label: Omit<ShipmentLabel, 'text' | 'svg'> = {
      packageNumber: pkg.packageNumber, packageCount: shipment.packages.length, packageType: pkg.packageType, sscc: pkg.sscc, shipmentNumber: shipment.shipmentNumber, shipDate: shipment.shipDate,
      shipFrom, shipTo, contents, grossWeightKg: pkg.grossWeightKg, symbols, warnings,
    };
    return { ...label, text: labelText(label), svg: labelSvg(label) };
  });
}

function labelText(label: Omit<ShipmentLabel, 'text' | 'svg'>): string {
  const out: string[] = [];
  const rule = '-'.repeat(60);
  out.push(rule, `FROM: ${partyLines(label.shipFrom).join(', ')}`, `TO:   ${partyLines(label.shipTo).join(', ')}`, rule);
  out.push(`SHIPMENT ${label.shipmentNumber}   ${label.packageType.toUpperCase()} ${label.packageNumber}/${label.packageCount}   SHIP DATE ${label.shipDate}`);
  out.push(`SSCC ${label.sscc}`);
  for (const c of label.contents) {
    out.push(`  ${c.itemCode} ${c.itemName}${c.gtin ? ` GTIN ${c.gtin}` : ''}  LOT ${c.lotNumber || '-'}${c.expiryDate ? ` USE BY ${c.expiryDate}` : ''}  QTY ${c.quantity} ${c.uomCode}${c.orderNumber ? `  ORDER ${c.orderNumber}` : ''}`);
  }
  if (label.grossWeightKg !== null) out.push(`GROSS WEIGHT ${label.grossWeightKg} kg`);
  out.push(rule);
  for (const s of label.symbols) out.push(`[GS1-128 ${s.purpose}] ${s.humanReadable}`);
  for (const w of label.warnings) out.push(`note: ${w}`);
  out.push(rule);
  return out.join('\n') + '\n';
}

function labelSvg(label: Omit<ShipmentLabel, 'text' | 'svg'>): string {
  const widthMm = 100;
  const heightMm = 150;
  const parts: string[] = [];
  const text = (x: number, y: number, value: string, size = 3.2, weight = 'normal'): void => {
    parts.push(`<text x="${x}" y="${y}" font-family="sans-serif" font-size="${size}" font-weight="${weight}">${escapeShipmentXml(value)}</text>`);
  };
  text(4, 7, 'FROM', 2.6, 'bold');
  partyLines(label.shipFrom).slice(0, 3).forEach((line, i) => text(4, 11 + i * 4, line, 3));
  text(52, 7, 'TO', 2.6, 'bold');
  partyLines(label.shipTo).slice(0, 4).forEach((line, i) => text(52, 11 + i * 4, line, 3.2, i === 0 ? 'bold' : 'normal'));
  parts.push(`<line x1="0" y1="28" x2="${widthMm}" y2="28" stroke="#000" stroke-width="0.4"/>`);
  text(4, 34, `SSCC ${label.sscc}`, 4, 'bold');
  text(4, 39, `${label.shipmentNumber} — ${label.packageType} ${label.packageNumber}/${label.packageCount} — ${label.shipDate}${label.grossWeightKg !== null ? ` — ${label.grossWeightKg} kg` : ''}`, 3);
  label.contents.slice(0, 5).forEach((c, i) => text(4, 44 + i * 4, `${c.itemCode} ${c.lotNumber ? `lot ${c.lotNumber} ` : ''}${c.expiryDate ? `use by ${c.expiryDate} ` : ''}× ${c.quantity} ${c.uomCode}`, 3));
  if (label.contents.length > 5) text(4, 64, `… ${label.contents.length - 5} more line(s)`, 3);
  parts.push(`<line x1="0" y1="67" x2="${widthMm}" y2="67" stroke="#000" stroke-width="0.4"/>`);
  // Symbols from the bottom up: SSCC lowest (GS1 Logistic Label Guideline), then content, then ship-to.
  let bottom = heightMm - 4;
  for (const symbol of [...label.symbols].reverse()) {
    const modules = symbol.modules.length + 20;
    const moduleWidthMm = Math.min(0.5, (widthMm - 6) / modules);
    const barHeightMm = symbol.purpose === 'sscc' ? 20 : 14;
    const top = bottom - barHeightMm - 5;
    if (top < 68) break;
    const x = (widthMm - modules * moduleWidthMm) / 2;
    parts.push(renderShipmentCode128Svg({ values: [], checkValue: 0, modules: symbol.modules }, { humanReadable: symbol.humanReadable, moduleWidthMm, barHeightMm, x, y: top }).svg);
    bottom = top - 3;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${widthMm}mm" height="${heightMm}mm" viewBox="0 0 ${widthMm} ${heightMm}">`
    + `<rect width="${widthMm}" height="${heightMm}" fill="#fff" stroke="#000" stroke-width="0.4"/>${parts.join('')}</svg>\n`;
}

/** A delivery note: the shipment's header, parties, lines with order references, lots and SSCCs, packages and totals. */
export type ShipmentDeliveryNote = {
  shipmentNumber: string; status: string; shipDate: string; plannedDeliveryDate: string | null; deliveredDate: string | null; carrierCode: string | null;
  shipFrom: ShipmentParty; shipTo: ShipmentParty;
  lines: { lineNumber: number; orderNumber: string | null; orderLineNumber: number | null; itemCode: string; itemName: string; lotNumber: string; expiryDate: string | null; quantity: number; uomCode: string; packageNumber: number | null; sscc: string | null }[];
  packages: { packageNumber: number; packageType: string; sscc: string; grossWeightKg: number | null }[];
  totals: { lineCount: number; packageCount: number; quantityByUom: Record<string, number>; weightKg: number | null };
  delivery: Shipment['delivery'];
};

/** The delivery note of a shipment (JSON shape; toShipmentDeliveryNoteCsv / toShipmentDeliveryNoteText print it). */
export async function getShipmentDeliveryNote(handle: DatabaseHandle, organizationId: string, shipmentNumber: string): Promise<ShipmentDeliveryNote> {
  const shipment = await getShipment(handle, organizationId, shipmentNumber);
  const { shipFrom, shipTo } = await partiesOf(handle, organizationId, shipment);
  const quantityByUom: Record<string, number> = {};
  for (const l of shipment.lines) quantityByUom[l.uomCode] = Math.round(((quantityByUom[l.uomCode] ?? 0) + l.quantity) * 1e6) / 1e6;
  return {
    shipmentNumber: shipment.shipmentNumber, status: shipment.status, shipDate: shipment.shipDate, plannedDeliveryDate: shipment.plannedDeliveryDate, deliveredDate: shipment.deliveredDate,
    carrierCode: shipment.carrierCode, shipFrom, shipTo,
    lines: shipment.lines.map((l) => ({ lineNumber: l.lineNumber, orderNumber: l.orderNumber, orderLineNumber: l.orderLineNumber, itemCode: l.itemCode, itemName: l.itemName, lotNumber: l.lotNumber, expiryDate: l.expiryDate, quantity: l.quantity, uomCode: l.uomCode, packageNumber: l.packageNumber, sscc: l.sscc })),
    packages: shipment.packages.map((p) => ({ packageNumber: p.packageNumber, packageType: p.packageType, sscc: p.sscc, grossWeightKg: p.grossWeightKg })),
    totals: { lineCount: shipment.lines.length, packageCount: shipment.packages.length, quantityByUom, weightKg: shipment.weightKg },
    delivery: shipment.delivery,
  };
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The note's lines as CSV (one row per shipment line, header first, shipment and customer on every row). */
export function toShipmentDeliveryNoteCsv(note: ShipmentDeliveryNote): string {
  const header = ['shipment_number', 'ship_date', 'customer_code', 'line_number', 'order_number', 'order_line_number', 'item_code', 'item_name', 'lot_number', 'expiry_date', 'quantity', 'uom_code', 'package_number', 'sscc'];
  const rows = note.lines.map((l) => [note.shipmentNumber, note.shipDate, note.shipTo.code, l.lineNumber, l.orderNumber, l.orderLineNumber, l.itemCode, l.itemName, l.lotNumber, l.expiryDate, l.quantity, l.uomCode, l.packageNumber, l.sscc].map(csvCell).join(','));
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** The note as printable text (French/English headings are the caller's: this is the document body). */
export function toShipmentDeliveryNoteText(note: ShipmentDeliveryNote, headings: { title: string; from: string; to: string; lines: string; packages: string; totals: string; received: string }): string {
  const out: string[] = [];
  out.push(`${headings.title} ${note.shipmentNumber} — ${note.shipDate} (${note.status})${note.carrierCode ? ` — ${note.carrierCode}` : ''}`);
  out.push(`${headings.from}: ${partyLines(note.shipFrom).join(', ')}`);
  out.push(`${headings.to}: ${note.shipTo.code} ${partyLines(note.shipTo).join(', ')}`);
  out.push('', headings.lines);
  for (const l of note.lines) {
    out.push(`  ${String(l.lineNumber).padStart(3)}  ${(l.orderNumber ? `${l.orderNumber}/${l.orderLineNumber}` : '-').padEnd(12)} ${l.itemCode.padEnd(12)} ${(l.lotNumber || '-').padEnd(12)} ${String(l.quantity).padStart(10)} ${l.uomCode.padEnd(4)} ${l.sscc ?? ''}  ${l.itemName}`);
  }
  out.push('', headings.packages);
  for (const p of note.packages) out.push(`  ${p.packageType} ${p.packageNumber}  SSCC ${p.sscc}${p.grossWeightKg !== null ? `  ${p.grossWeightKg} kg` : ''}`);
  out.push('', `${headings.totals}: ${note.totals.lineCount} / ${note.totals.packageCount} — ${Object.entries(note.totals.quantityByUom).map(([uom, q]) => `${q} ${uom}`).join(', ')}${note.totals.weightKg !== null ? ` — ${note.totals.weightKg} kg` : ''}`);
  if (note.delivery) {
    out.push(`${headings.received}: ${note.delivery.deliveredAt} — ${note.delivery.receivedBy}${note.delivery.signatureReference ? ` (${note.delivery.signatureReference})` : ''}`);
    for (const e of note.delivery.exceptions) out.push(`  ${e.exceptionType} ${e.quantity}${e.lineNumber !== null ? ` (line ${e.lineNumber})` : ''}${e.note ? ` — ${e.note}` : ''}`);
  }
  return out.join('\n') + '\n';
}
