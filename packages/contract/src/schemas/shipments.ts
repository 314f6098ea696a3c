import { z } from 'zod';
import { pageOf, PageQuery } from './common';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const timestamp = z.string().min(10).max(40).describe('ISO date and time, e.g. 2026-11-24T14:30:00Z');
const code = z.string().min(1).max(64);
const quantity = z.number().positive().finite();

export const ShipmentStatusEnum = z.enum(['planned', 'loaded', 'dispatched', 'delivered', 'cancelled']);

export const ShipmentCreateRequest = z.object({
  warehouseCode: code.describe('the warehouse (location) the goods leave from'),
  lines: z.array(z.object({
    orderNumber: code,
    lineNumber: z.number().int().positive(),
    quantity: quantity.optional().describe('default: the open quantity (ordered − shipped − on planned shipments)'),
    lotNumber: z.string().max(64).optional().describe('default: picked FEFO/FIFO'),
  })).min(1).max(500),
  shipDate: isoDate.optional().describe('default today'),
  plannedDeliveryDate: isoDate.optional(),
  carrierCode: code.optional(),
  shipmentNumber: code.optional().describe('default SH-<next>'),
  packageType: z.enum(['pallet', 'parcel']).optional(),
  packing: z.enum(['per-line', 'single']).optional(),
  maxQuantityPerPackage: quantity.optional(),
  pickingRule: z.enum(['fefo', 'fifo']).optional(),
  companyPrefix: z.string().regex(/^\d{6,12}$/, 'a GS1 Company Prefix of 6 to 12 digits').optional(),
  extensionDigit: z.number().int().min(0).max(9).optional(),
});
export type ShipmentCreateRequest = z.infer<typeof ShipmentCreateRequest>;

export const ShipmentResponse = z.object({
  shipmentNumber: z.string(), warehouseCode: z.string(), customerCode: z.string(), customerName: z.string(), carrierCode: z.string().nullable(), shipDate: z.string(),
  plannedDeliveryDate: z.string().nullable(), deliveredDate: z.string().nullable(), status: ShipmentStatusEnum, weightKg: z.number().nullable(),
  lines: z.array(z.object({
    lineNumber: z.number().int(), orderNumber: z.string().nullable(), orderLineNumber: z.number().int().nullable(), itemCode: z.string(), itemName: z.string(), gtin: z.string().nullable(),
    lotNumber: z.string(), expiryDate: z.string().nullable(), quantity: z.number(), uomCode: z.string(), packageNumber: z.number().int().nullable(), sscc: z.string().nullable(),
  })),
  packages: z.array(z.object({ packageNumber: z.number().int(), packageType: z.enum(['pallet', 'parcel']), sscc: z.string(), grossWeightKg: z.number().nullable(), lineNumbers: z.array(z.number().int()) })),
  history: z.array(z.object({ eventNumber: z.number().int(), status: ShipmentStatusEnum, occurredAt: z.string(), recordedBy: z.string().nullable(), note: z.string().nullable() })),
  delivery: z.object({
    deliveredAt: z.string(), receivedBy: z.string(), signatureReference: z.string().nullable(), note: z.string().nullable(),
    exceptions: z.array(z.object({ exceptionNumber: z.number().int(), lineNumber: z.number().int().nullable(), exceptionType: z.enum(['damaged', 'short']), quantity: z.number(), note: z.string().nullable() })),
  }).nullable(),
});

export const ShipmentParams = z.object({ shipmentNumber: code });
export const ShipmentPackageParams = z.object({ shipmentNumber: code, packageNumber: z.coerce.number().int().positive() });

export const ShipmentListQuery = PageQuery.extend({ status: ShipmentStatusEnum.optional(), customerCode: code.optional() });
export const ShipmentSummaryPage = pageOf(z.object({
  shipmentNumber: z.string(), warehouseCode: z.string(), customerCode: z.string(), customerName: z.string(), carrierCode: z.string().nullable(), shipDate: z.string(),
  plannedDeliveryDate: z.string().nullable(), deliveredDate: z.string().nullable(), status: ShipmentStatusEnum, lineCount: z.number().int(), packageCount: z.number().int(), totalQuantity: z.number(),
}));

export const ShipmentDispatchRequest = z.object({ dispatchedAt: timestamp.optional().describe('default now') }).nullish();
export const ShipmentLoadRequest = z.object({ loadedAt: timestamp.optional().describe('default now'), vehicleCode: code.optional(), carrierCode: code.optional() }).nullish();
export const ShipmentLoadManyRequest = z.object({
  shipmentNumbers: z.array(code).min(1).max(200).describe('planned shipments loaded together'),
  loadedAt: timestamp.optional().describe('default now'), vehicleCode: code.optional().describe('checked against its capacity_kg and capacity_pallets'), carrierCode: code.optional(),
});
export const ShipmentListResponse = z.array(ShipmentResponse);
export const ShipmentCancelRequest = z.object({ reason: z.string().max(500).optional() }).nullish();
export const ShipmentDeliverRequest = z.object({
  deliveredAt: timestamp.optional().describe('default now'),
  receivedBy: z.string().min(1).max(200),
  signatureReference: z.string().max(500).optional(),
  note: z.string().max(2000).optional(),
  exceptions: z.array(z.object({ exceptionType: z.enum(['damaged', 'short']), quantity, lineNumber: z.number().int().positive().optional(), note: z.string().max(500).optional() })).max(500).optional(),
});

const Party = z.object({ code: z.string(), name: z.string(), city: z.string().nullable(), postalCode: z.string().nullable(), country: z.string(), gln: z.string().nullable() });

export const ShipmentLabelsResponse = z.array(z.object({
  packageNumber: z.number().int(), packageCount: z.number().int(), packageType: z.string(), sscc: z.string(), shipmentNumber: z.string(), shipDate: z.string(),
  shipFrom: Party, shipTo: Party,
  contents: z.array(z.object({ lineNumber: z.number().int(), orderNumber: z.string().nullable(), itemCode: z.string(), itemName: z.string(), gtin: z.string().nullable(), lotNumber: z.string(), expiryDate: z.string().nullable(), quantity: z.number(), uomCode: z.string() })),
  grossWeightKg: z.number().nullable(),
  symbols: z.array(z.object({ purpose: z.enum(['ship_to', 'content', 'sscc']), humanReadable: z.string(), elementString: z.string().describe('ASCII 29 stands for FNC1'), modules: z.string().describe("Code 128 modules, '1' bar, '0' space") })),
  warnings: z.array(z.string()),
  text: z.string(),
  svg: z.string(),
}));

export const ShipmentNoteResponse = z.object({
  shipmentNumber: z.string(), status: z.string(), shipDate: z.string(), plannedDeliveryDate: z.string().nullable(), deliveredDate: z.string().nullable(), carrierCode: z.string().nullable(),
  shipFrom: Party, shipTo: Party,
  lines: z.array(z.object({ lineNumber: z.number().int(), orderNumber: z.string().nullable(), orderLineNumber: z.number().int().nullable(), itemCode: z.string(), itemName: z.string(), lotNumber: z.string(), expiryDate: z.string().nullable(), quantity: z.number(), uomCode: z.string(), packageNumber: z.number().int().nullable(), sscc: z.string().nullable() })),
  packages: z.array(z.object({ packageNumber: z.number().int(), packageType: z.string(), sscc: z.string(), grossWeightKg: z.number().nullable() })),
  totals: z.object({ lineCount: z.number().int(), packageCount: z.number().int(), quantityByUom: z.record(z.string(), z.number()), weightKg: z.number().nullable() }),
  delivery: ShipmentResponse.shape.delivery,
});

export const TraceLotQuery = z.object({ itemCode: code, lotNumber: z.string().max(64).default('').describe("'' for stock without lot") });
export const TraceLotResponse = z.object({
  itemCode: z.string(), lotNumber: z.string(),
  tree: z.unknown().describe('node: itemCode, lotNumber, receivedQuantity, shippedQuantity, consumedQuantity, otherOutQuantity, onHandQuantity, shipments[], productionOrders[{ orderNumber, consumedQuantity, outputs[node + producedQuantity] }], stopped'),
  customers: z.array(z.object({ customerCode: z.string(), customerName: z.string().nullable(), shipments: z.array(z.object({ shipmentNumber: z.string(), itemCode: z.string(), lotNumber: z.string(), quantity: z.number(), shipDate: z.string().nullable() })) })),
  nodeCount: z.number().int(), truncated: z.boolean(),
});
export const TraceShipmentResponse = z.object({
  shipmentNumber: z.string(), customerCode: z.string(), status: z.string(), source: z.enum(['ledger', 'shipment_lines']),
  lots: z.array(z.unknown()).describe("node: itemCode, lotNumber, quantity, origins[{ kind: 'production', orderNumber, producedQuantity, components[node] } | { kind: 'purchase', purchaseOrderNumber, purchaseOrderLine, supplierCode, supplierName, receivedQuantity, receivedAt } | { kind: 'other', movementType, quantity, reference, occurredAt }], stopped"),
  suppliers: z.array(z.object({ supplierCode: z.string(), supplierName: z.string().nullable(), receipts: z.array(z.object({ purchaseOrderNumber: z.string(), purchaseOrderLine: z.number().int().nullable(), itemCode: z.string(), lotNumber: z.string(), receivedQuantity: z.number() })) })),
  nodeCount: z.number().int(), truncated: z.boolean(),
});
