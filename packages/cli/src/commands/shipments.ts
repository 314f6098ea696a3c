import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { translate } from '@flowpilot/contract';
import {
  cancelShipment, createShipment, loadShipmentsOnVehicle, planShipmentLoad, deliverShipment, dispatchShipment, getShipment, getShipmentDeliveryNote, listShipments, renderShipmentLabels, SHIPMENT_STATUSES, ShipmentError,
  toShipmentDeliveryNoteCsv, toShipmentDeliveryNoteText, traceLotForward, traceShipmentBackward,
  type CreateShipmentLineInput, type DeliverShipmentInput, type Shipment, type ShipmentPackageType, type ShipmentPackingMode, type ShipmentPickingRule, type ShipmentStatus,
  type TraceBackwardNode, type TraceForwardNode,
} from '@flowpilot/services';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { organizationOf, todayIso, withDatabase } from '../open-cli-database';
import type { CommandRegistration } from './index';

const CLI_ACTOR = { userId: null, email: null, via: 'cli' as const };

/** The CLI's clock for timestamps: FLOWPILOT_NOW overrides it for reproducible runs. */
function nowIso(context: CliContext): string {
  return context.env.FLOWPILOT_NOW ?? new Date().toISOString();
}

/** Runs a shipments use case and turns its ShipmentError into the CLI's exit code and translated message. */
async function guarded<T>(context: CliContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ShipmentError)) throw error;
    const message = translate(context.language, error.key, error.params);
    throw new CliError(error.kind === 'not_found' ? EXIT_CODES.notFound : EXIT_CODES.invalidInput, error.path ? `${message} (${error.path})` : message, { cause: error });
  }
}

function usage(context: CliContext, key: string, params: Record<string, unknown>): CliError {
  return new CliError(EXIT_CODES.usage, translate(context.language, 'error.usage', { detail: translate(context.language, key, params) }));
}

/** `SO-1:1,SO-1:2:4,SO-2:1:5:LOT-7` → order lines with optional quantity and lot. */
function parseLines(context: CliContext, text: string): CreateShipmentLineInput[] {
  return text.split(',').map((part) => part.trim()).filter((part) => part !== '').map((part) => {
    const [orderNumber, line, quantity, ...lot] = part.split(':');
    const lineNumber = Number(line);
    if (!orderNumber || !Number.isInteger(lineNumber) || lineNumber <= 0) throw usage(context, 'shipments.cli.usage.lines', { value: part });
    const parsed: CreateShipmentLineInput = { orderNumber, lineNumber };
    if (quantity !== undefined && quantity !== '') {
      const q = Number(quantity);
      if (!Number.isFinite(q)) throw usage(context, 'shipments.cli.usage.lines', { value: part });
      parsed.quantity = q;
    }
    if (lot.length > 0) parsed.lotNumber = lot.join(':');
    return parsed;
  });
}

function numberOption(context: CliContext, option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw usage(context, 'shipments.cli.usage.number', { option, value });
  return n;
}

/** `--damaged 3` (whole shipment) or `--damaged 2:3` (line 2, 3 units), repeatable. */
function parseExceptions(context: CliContext, type: 'damaged' | 'short', values: string[]): NonNullable<DeliverShipmentInput['exceptions']> {
  return values.map((value) => {
    const parts = value.split(':');
    const quantity = Number(parts.at(-1));
    const lineNumber = parts.length === 2 ? Number(parts[0]) : undefined;
    if (parts.length > 2 || !Number.isFinite(quantity) || (lineNumber !== undefined && !Number.isInteger(lineNumber))) throw usage(context, 'shipments.cli.usage.exception', { option: `--${type}`, value });
    return { exceptionType: type, quantity, ...(lineNumber !== undefined ? { lineNumber } : {}) };
  });
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function printShipment(context: CliContext, shipment: Shipment): void {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  context.stdout(t('shipments.cli.shipment.header', { shipment: shipment.shipmentNumber, status: shipment.status, customer: `${shipment.customerCode} ${shipment.customerName}`, warehouse: shipment.warehouseCode, date: shipment.shipDate }) + '\n');
  for (const l of shipment.lines) {
    context.stdout(`  ${String(l.lineNumber).padStart(3)}  ${(l.orderNumber ? `${l.orderNumber}/${l.orderLineNumber}` : '-').padEnd(12)} ${l.itemCode.padEnd(12)} ${t('shipments.cli.lot')} ${(l.lotNumber || '-').padEnd(10)} ${String(l.quantity).padStart(10)} ${l.uomCode.padEnd(4)} SSCC ${l.sscc ?? '-'}\n`);
  }
  for (const h of shipment.history) context.stdout(`  ${h.occurredAt}  ${h.status}${h.recordedBy ? ` (${h.recordedBy})` : ''}${h.note ? ` — ${h.note}` : ''}\n`);
  if (shipment.delivery) context.stdout(t('shipments.cli.delivered', { at: shipment.delivery.deliveredAt, by: shipment.delivery.receivedBy, exceptions: shipment.delivery.exceptions.length }) + '\n');
}

function printForward(context: CliContext, node: TraceForwardNode, indent: string): void {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  context.stdout(`${indent}${node.itemCode} ${t('shipments.cli.lot')} ${node.lotNumber || '-'}: ${t('shipments.cli.trace.balance', { received: node.receivedQuantity, shipped: node.shippedQuantity, consumed: node.consumedQuantity, other: node.otherOutQuantity, onHand: node.onHandQuantity })}${node.stopped ? ` [${node.stopped}]` : ''}\n`);
  for (const s of node.shipments) context.stdout(`${indent}  → ${s.shipmentNumber} ${s.shipDate ?? ''} ${s.customerCode ?? '?'} ${s.customerName ?? ''} × ${s.quantity}\n`);
  for (const order of node.productionOrders) {
    context.stdout(`${indent}  ⚙ ${order.orderNumber} (${t('shipments.cli.trace.consumed', { quantity: order.consumedQuantity })})\n`);
    for (const output of order.outputs) printForward(context, output, `${indent}    `);
  }
}

function printBackward(context: CliContext, node: TraceBackwardNode, indent: string): void {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  context.stdout(`${indent}${node.itemCode} ${t('shipments.cli.lot')} ${node.lotNumber || '-'} × ${node.quantity}${node.stopped ? ` [${node.stopped}]` : ''}\n`);
  for (const origin of node.origins) {
    if (origin.kind === 'production') {
      context.stdout(`${indent}  ⚙ ${origin.orderNumber} (${t('shipments.cli.trace.produced', { quantity: origin.producedQuantity })})\n`);
      for (const component of origin.components) printBackward(context, component, `${indent}    `);
    } else if (origin.kind === 'purchase') {
      context.stdout(`${indent}  ← ${origin.purchaseOrderNumber}${origin.purchaseOrderLine !== null ? `/${origin.purchaseOrderLine}` : ''} ${origin.supplierCode ?? '?'} ${origin.supplierName ?? ''} × ${origin.receivedQuantity} (${origin.receivedAt})\n`);
    } else {
      context.stdout(`${indent}  ← ${origin.movementType} × ${origin.quantity}${origin.reference ? ` ${origin.reference}` : ''} (${origin.occurredAt})\n`);
    }
  }
}

/** `flowpilot ship create|show|label|note|load|dispatch|deliver|cancel|list` and `flowpilot trace lot|shipment`. */
export const registerShipmentCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  const ship = program.command('ship').description(t('shipments.cli.ship.description')).enablePositionalOptions();

  ship.command('create').description(t('shipments.cli.create.description'))
    .requiredOption('--warehouse <code>', t('shipments.cli.option.warehouse'))
    .requiredOption('--lines <lines>', t('shipments.cli.option.lines'))
    .option('--ship-date <date>', t('shipments.cli.option.shipDate'))
    .option('--delivery-date <date>', t('shipments.cli.option.deliveryDate'))
    .option('--carrier <code>', t('shipments.cli.option.carrier'))
    .option('--number <shipment>', t('shipments.cli.option.number'))
    .option('--package-type <type>', t('shipments.cli.option.packageType'), 'pallet')
    .option('--packing <mode>', t('shipments.cli.option.packing'), 'per-line')
    .option('--max-per-package <quantity>', t('shipments.cli.option.maxPerPackage'))
    .option('--picking <rule>', t('shipments.cli.option.picking'), 'fefo')
    .option('--company-prefix <prefix>', t('shipments.cli.option.companyPrefix'))
    .option('--extension-digit <digit>', t('shipments.cli.option.extensionDigit'), '0')
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { warehouse: string; lines: string; shipDate?: string; deliveryDate?: string; carrier?: string; number?: string; packageType: string; packing: string; maxPerPackage?: string; picking: string; companyPrefix?: string; extensionDigit: string; org?: string; json?: boolean }) => {
      const lines = parseLines(context, options.lines);
      const maxQuantityPerPackage = numberOption(context, '--max-per-package', options.maxPerPackage);
      const shipment = await guarded(context, () => withDatabase(context, (handle) => createShipment(handle, {
        organizationId: organizationOf(context, options.org), warehouseCode: options.warehouse, lines, shipDate: options.shipDate ?? todayIso(context), recordedAt: nowIso(context), actor: CLI_ACTOR,
        packageType: options.packageType as ShipmentPackageType, packing: options.packing as ShipmentPackingMode, pickingRule: options.picking as ShipmentPickingRule,
        extensionDigit: numberOption(context, '--extension-digit', options.extensionDigit)!,
        ...(options.deliveryDate ? { plannedDeliveryDate: options.deliveryDate } : {}), ...(options.carrier ? { carrierCode: options.carrier } : {}), ...(options.number ? { shipmentNumber: options.number } : {}),
        ...(maxQuantityPerPackage !== undefined ? { maxQuantityPerPackage } : {}), ...(options.companyPrefix ? { companyPrefix: options.companyPrefix } : {}),
      })));
      if (options.json) return printJson(context, shipment);
      context.stdout(t('shipments.cli.created', { shipment: shipment.shipmentNumber, lines: shipment.lines.length, packages: shipment.packages.length }) + '\n');
      printShipment(context, shipment);
    });

  ship.command('show').description(t('shipments.cli.show.description'))
    .argument('<shipment>', t('shipments.cli.argument.shipment'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (shipmentNumber: string, options: { org?: string; json?: boolean }) => {
      const shipment = await guarded(context, () => withDatabase(context, (handle) => getShipment(handle, organizationOf(context, options.org), shipmentNumber)));
      if (options.json) return printJson(context, shipment);
      printShipment(context, shipment);
    });

  ship.command('label').description(t('shipments.cli.label.description'))
    .argument('<shipment>', t('shipments.cli.argument.shipment'))
    .option('--svg <directory>', t('shipments.cli.option.svg'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (shipmentNumber: string, options: { svg?: string; org?: string; json?: boolean }) => {
      const labels = await guarded(context, () => withDatabase(context, (handle) => renderShipmentLabels(handle, organizationOf(context, options.org), shipmentNumber)));
      const files: string[] = [];
      if (options.svg) {
        mkdirSync(options.svg, { recursive: true });
        for (const label of labels) {
          const file = join(options.svg, `${label.shipmentNumber}-${label.packageNumber}-${label.sscc}.svg`);
          writeFileSync(file, label.svg);
          files.push(file);
        }
      }
      if (options.json) return printJson(context, labels.map(({ svg: _svg, ...rest }) => ({ ...rest, ...(options.svg ? { svgFile: files[rest.packageNumber - 1] } : {}) })));
      for (const label of labels) context.stdout(label.text + '\n');
      if (options.svg) context.stdout(t('shipments.cli.label.svgWritten', { count: files.length, directory: options.svg }) + '\n');
    });

  ship.command('note').description(t('shipments.cli.note.description'))
    .argument('<shipment>', t('shipments.cli.argument.shipment'))
    .option('--csv <file>', t('shipments.cli.option.csv'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (shipmentNumber: string, options: { csv?: string; org?: string; json?: boolean }) => {
      const note = await guarded(context, () => withDatabase(context, (handle) => getShipmentDeliveryNote(handle, organizationOf(context, options.org), shipmentNumber)));
      if (options.csv) writeFileSync(options.csv, toShipmentDeliveryNoteCsv(note));
      if (options.json) return printJson(context, note);
      context.stdout(toShipmentDeliveryNoteText(note, {
        title: t('shipments.note.title'), from: t('shipments.note.from'), to: t('shipments.note.to'), lines: t('shipments.note.lines'), packages: t('shipments.note.packages'), totals: t('shipments.note.totals'), received: t('shipments.note.received'),
      }));
      if (options.csv) context.stdout(t('shipments.cli.note.csvWritten', { path: options.csv, lines: note.lines.length }) + '\n');
    });

  ship.command('load').description(t('shipments.cli.load.description'))
    .argument('<shipments...>', t('shipments.cli.argument.shipments'))
    .option('--vehicle <code>', t('shipments.cli.option.vehicle'))
    .option('--carrier <code>', t('shipments.cli.option.carrier'))
    .option('--at <timestamp>', t('shipments.cli.option.loadedAt'))
    .option('--svg <file>', t('shipments.cli.option.loadSvg'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (shipmentNumbers: string[], options: { vehicle?: string; carrier?: string; at?: string; svg?: string; org?: string; json?: boolean }) => {
      if (options.svg && !options.vehicle) throw new CliError(EXIT_CODES.usage, t('shipments.cli.error.svgNeedsVehicle'));
      const organizationId = organizationOf(context, options.org);
      const { shipments, plan } = await guarded(context, () => withDatabase(context, async (handle) => {
        const loaded = await loadShipmentsOnVehicle(handle, {
          organizationId, shipmentNumbers, loadedAt: options.at ?? nowIso(context), actor: CLI_ACTOR,
          ...(options.vehicle ? { vehicleCode: options.vehicle } : {}), ...(options.carrier ? { carrierCode: options.carrier } : {}),
        });
        // The load was built by the deterministic 3D packer: the same call draws the same load again.
        const loadPlan = options.svg && options.vehicle ? await planShipmentLoad(handle, { organizationId, shipmentNumbers, vehicleCode: options.vehicle }) : undefined;
        return { shipments: loaded, plan: loadPlan };
      }));
      if (plan && options.svg) writeFileSync(options.svg, plan.svg);
      if (options.json) return printJson(context, plan ? { shipments, loadPlan: { ...plan, svg: undefined } } : shipments);
      context.stdout(t('shipments.cli.loaded', { shipments: shipments.map((sh) => sh.shipmentNumber).join(', '), vehicle: options.vehicle ? ` (${options.vehicle})` : '' }) + '\n');
      if (plan && options.svg) context.stdout(t('shipments.cli.loadSvgWritten', { placed: plan.placements.length, total: plan.boxes.length, path: options.svg }) + '\n');
    });

  ship.command('dispatch').description(t('shipments.cli.dispatch.description'))
    .argument('<shipment>', t('shipments.cli.argument.shipment'))
    .option('--at <timestamp>', t('shipments.cli.option.dispatchedAt'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (shipmentNumber: string, options: { at?: string; org?: string; json?: boolean }) => {
      const shipment = await guarded(context, () => withDatabase(context, (handle) => dispatchShipment(handle, { organizationId: organizationOf(context, options.org), shipmentNumber, dispatchedAt: options.at ?? nowIso(context), actor: CLI_ACTOR })));
      if (options.json) return printJson(context, shipment);
      context.stdout(t('shipments.cli.dispatched', { shipment: shipment.shipmentNumber, lines: shipment.lines.length, date: shipment.shipDate }) + '\n');
    });

  ship.command('deliver').description(t('shipments.cli.deliver.description'))
    .argument('<shipment>', t('shipments.cli.argument.shipment'))
    .requiredOption('--received-by <name>', t('shipments.cli.option.receivedBy'))
    .option('--at <timestamp>', t('shipments.cli.option.deliveredAt'))
    .option('--signature <reference>', t('shipments.cli.option.signature'))
    .option('--damaged <quantity>', t('shipments.cli.option.damaged'), collect, [])
    .option('--short <quantity>', t('shipments.cli.option.short'), collect, [])
    .option('--note <text>', t('shipments.cli.option.note'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (shipmentNumber: string, options: { receivedBy: string; at?: string; signature?: string; damaged: string[]; short: string[]; note?: string; org?: string; json?: boolean }) => {
      const exceptions = [...parseExceptions(context, 'damaged', options.damaged), ...parseExceptions(context, 'short', options.short)];
      const shipment = await guarded(context, () => withDatabase(context, (handle) => deliverShipment(handle, {
        organizationId: organizationOf(context, options.org), shipmentNumber, deliveredAt: options.at ?? nowIso(context), receivedBy: options.receivedBy, exceptions, actor: CLI_ACTOR,
        ...(options.signature ? { signatureReference: options.signature } : {}), ...(options.note ? { note: options.note } : {}),
      })));
      if (options.json) return printJson(context, shipment);
      context.stdout(t('shipments.cli.delivered', { at: shipment.delivery?.deliveredAt ?? '', by: shipment.delivery?.receivedBy ?? '', exceptions: exceptions.length }) + '\n');
    });

  ship.command('cancel').description(t('shipments.cli.cancel.description'))
    .argument('<shipment>', t('shipments.cli.argument.shipment'))
    .option('--reason <text>', t('shipments.cli.option.reason'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (shipmentNumber: string, options: { reason?: string; org?: string; json?: boolean }) => {
      const shipment = await guarded(context, () => withDatabase(context, (handle) => cancelShipment(handle, { organizationId: organizationOf(context, options.org), shipmentNumber, cancelledAt: nowIso(context), actor: CLI_ACTOR, ...(options.reason ? { reason: options.reason } : {}) })));
      if (options.json) return printJson(context, shipment);
      context.stdout(t('shipments.cli.cancelled', { shipment: shipment.shipmentNumber }) + '\n');
    });

  ship.command('list').description(t('shipments.cli.list.description'))
    .option('--status <status>', t('shipments.cli.option.status'))
    .option('--customer <code>', t('shipments.cli.option.customer'))
    .option('--page <n>', t('shipments.cli.option.page'), '1')
    .option('--page-size <n>', t('shipments.cli.option.pageSize'), '50')
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { status?: string; customer?: string; page: string; pageSize: string; org?: string; json?: boolean }) => {
      if (options.status && !(SHIPMENT_STATUSES as readonly string[]).includes(options.status)) throw usage(context, 'shipments.cli.usage.status', { value: options.status, choices: SHIPMENT_STATUSES.join(', ') });
      const page = numberOption(context, '--page', options.page)!;
      const pageSize = numberOption(context, '--page-size', options.pageSize)!;
      const result = await withDatabase(context, (handle) => listShipments(handle, {
        organizationId: organizationOf(context, options.org), page, pageSize, ...(options.status ? { status: options.status as ShipmentStatus } : {}), ...(options.customer ? { customerCode: options.customer } : {}),
      }));
      if (options.json) return printJson(context, result);
      context.stdout(t('shipments.cli.list.header', { total: result.total }) + '\n');
      for (const s of result.items) context.stdout(`  ${s.shipmentNumber.padEnd(10)} ${s.shipDate}  ${s.status.padEnd(10)} ${s.warehouseCode.padEnd(8)} ${s.customerCode.padEnd(8)} ${String(s.lineCount).padStart(3)} / ${String(s.packageCount).padStart(3)}  ${s.totalQuantity}\n`);
    });

  const trace = program.command('trace').description(t('shipments.cli.trace.description')).enablePositionalOptions();
  trace.command('lot').description(t('shipments.cli.trace.lot.description'))
    .argument('<item>', t('shipments.cli.argument.item'))
    .argument('<lot>', t('shipments.cli.argument.lot'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (itemCode: string, lot: string, options: { org?: string; json?: boolean }) => {
      const result = await guarded(context, () => withDatabase(context, (handle) => traceLotForward(handle, { organizationId: organizationOf(context, options.org), itemCode, lotNumber: lot === '-' ? '' : lot })));
      if (options.json) return printJson(context, result);
      printForward(context, result.tree, '');
      context.stdout(t('shipments.cli.trace.customers', { count: result.customers.length, customers: result.customers.map((c) => c.customerCode).join(', ') || '-' }) + '\n');
      if (result.truncated) context.stdout(t('shipments.cli.trace.truncated', { nodes: result.nodeCount }) + '\n');
    });
  trace.command('shipment').description(t('shipments.cli.trace.shipment.description'))
    .argument('<shipment>', t('shipments.cli.argument.shipment'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (shipmentNumber: string, options: { org?: string; json?: boolean }) => {
      const result = await guarded(context, () => withDatabase(context, (handle) => traceShipmentBackward(handle, { organizationId: organizationOf(context, options.org), shipmentNumber })));
      if (options.json) return printJson(context, result);
      context.stdout(t('shipments.cli.trace.shipmentHeader', { shipment: result.shipmentNumber, customer: result.customerCode, status: result.status, source: result.source }) + '\n');
      for (const lot of result.lots) printBackward(context, lot, '  ');
      context.stdout(t('shipments.cli.trace.suppliers', { count: result.suppliers.length, suppliers: result.suppliers.map((s) => s.supplierCode).join(', ') || '-' }) + '\n');
      if (result.truncated) context.stdout(t('shipments.cli.trace.truncated', { nodes: result.nodeCount }) + '\n');
    });
};
