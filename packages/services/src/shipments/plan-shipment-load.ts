import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import {
  checkLoad, planLoad, renderLoadSvg,
  type LoadIssue, type PackedBox, type PackingBoxType, type PackingContainer, type PackingResult, type PackingSupportMode,
} from '@flowpilot/core';
import { getShipment, type Shipment } from './run-shipments';
import { ShipmentError } from './shipment-error';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Package sizes when the data gives none (documented in docs/shipments.md):
 * - a pallet is a EUR pallet, 120 × 80 cm (EN 13698-1), 14.4 cm deck + the goods' volume spread over its
 *   footprint (at least 20 cm of goods; 120 cm of goods when no item of the package has a volume_m3), upright only
 *   and not stackable (a loaded pallet carries no other pallet unless the data says so);
 * - a parcel is a cube holding its goods' volume (at least 20 cm a side; 40 × 30 × 30 cm without volume), any
 *   orientation, stackable.
 */
export const EUR_PALLET = { lengthCm: 120, widthCm: 80, deckHeightCm: 14.4, defaultGoodsHeightCm: 120, minGoodsHeightCm: 20 } as const;
export const DEFAULT_PARCEL_CM = { lengthCm: 40, widthCm: 30, heightCm: 30, minSideCm: 20 } as const;
/**
 * Inner body of a vehicle without body dimensions (vehicles.csv body_length_cm, body_width_cm, body_height_cm), known
 * only by its volume (capacity_m3): a truck body (≥ 25 m³) is 245 cm wide and 250 cm high inside (semi-trailer and
 * rigid-body norms), a van 170 × 180 cm; the length is volume ÷ (width × height). Listed in `assumptions` when used.
 */
export const TRUCK_BODY_CM = { widthCm: 245, heightCm: 250 } as const;
export const VAN_BODY_CM = { widthCm: 170, heightCm: 180 } as const;

export type PlanShipmentLoadInput = {
  organizationId: string;
  /** Shipments in delivery order: the first is unloaded first, so it is loaded last, at the door. */
  shipmentNumbers: string[];
  vehicleCode: string;
  /** Inner body of the vehicle; default: its body dimensions, else derived from its capacity_m3 (TRUCK_BODY_CM, VAN_BODY_CM). */
  container?: { lengthCm: number; widthCm: number; heightCm: number };
  /** Default 'full': every package rests entirely on the floor or on packages below. */
  support?: PackingSupportMode;
  seed?: number;
  /** Work budget of the 3D search (deterministic); default 400 greedy completions. */
  maxCompletions?: number;
};

/** The load of one vehicle built by the 3D packer: where each package stands, what stayed on the dock, the picture. */
export type ShipmentLoadPlan = {
  vehicleCode: string;
  container: PackingContainer;
  /** One box per package: id `<shipment>#<package number>`, its size, weight and stop. */
  boxes: (PackingBoxType & { shipmentNumber: string; packageNumber: number; sscc: string; sizeSource: 'volume' | 'default' })[];
  stops: { stopSequence: number; shipmentNumber: string }[];
  status: PackingResult['status'];
  placements: PackedBox[];
  volumeUtilisation: number;
  packedWeightKg: number;
  unpacked: { shipmentNumber: string; packageNumber: number; reason: string }[];
  /** Independent check of the placements (inside, no overlap, orientation, weight, support, loading order): empty when sound. */
  issues: LoadIssue[];
  search: PackingResult['search'];
  svg: string;
  assumptions: string[];
};

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * Builds the load of a vehicle from the packages of shipments with the core 3D packer (planLoad: block building
 * with orientations, payload, full support and loading order by stop), checks it (checkLoad) and draws it
 * (renderLoadSvg). Pure with respect to the database: reads shipments, items and the vehicle; writes nothing.
 * Example (test): SH-P (stop 1, a parcel of 5 × 10 l → 37 cm cube) and SH-Q (stop 2, EUR pallets of 34.4 and
 * 134.4 cm) in a 12 m³ van (392.2 × 170 × 180 cm) → all placed, the parcel nearest the door; in a 2 m³ van
 * (65.4 cm long) both pallets stay on the dock (too_large).
 * Throws ShipmentError not_found (shipment, vehicle) and invalid_input (a shipment twice, no package).
 */
export async function planShipmentLoadIn(db: Db, input: PlanShipmentLoadInput, shipments: readonly Shipment[]): Promise<ShipmentLoadPlan> {
  const org = input.organizationId;
  const vehicle = (await sql<{ capacity_kg: string; capacity_m3: string | null; body_length_cm: string | null; body_width_cm: string | null; body_height_cm: string | null }>`
    select capacity_kg::text, capacity_m3::text, body_length_cm::text, body_width_cm::text, body_height_cm::text
    from vehicle where organization_id = ${org} and code = ${input.vehicleCode}`.execute(db)).rows[0];
  if (!vehicle) throw new ShipmentError('not_found', 'shipments.error.unknownVehicle', { vehicle: input.vehicleCode }, 'vehicleCode');
  const assumptions: string[] = [];
  let container: PackingContainer;
  if (input.container) {
    container = { id: input.vehicleCode, ...input.container, maxPayloadKg: Number(vehicle.capacity_kg) };
  } else if (vehicle.body_length_cm !== null && vehicle.body_width_cm !== null && vehicle.body_height_cm !== null) {
    // The body as recorded (all three or none: a check constraint of the vehicle table): nothing assumed.
    container = { id: input.vehicleCode, lengthCm: Number(vehicle.body_length_cm), widthCm: Number(vehicle.body_width_cm), heightCm: Number(vehicle.body_height_cm), maxPayloadKg: Number(vehicle.capacity_kg) };
  } else {
    const volumeM3 = vehicle.capacity_m3 === null ? 0 : Number(vehicle.capacity_m3);
    if (!(volumeM3 > 0)) throw new ShipmentError('invalid_input', 'shipments.error.vehicleNoVolume', { vehicle: input.vehicleCode }, 'vehicleCode');
    const body = volumeM3 >= 25 ? TRUCK_BODY_CM : VAN_BODY_CM;
    container = { id: input.vehicleCode, lengthCm: round1((volumeM3 * 1e6) / (body.widthCm * body.heightCm)), widthCm: body.widthCm, heightCm: body.heightCm, maxPayloadKg: Number(vehicle.capacity_kg) };
    assumptions.push(`body ${container.lengthCm} × ${body.widthCm} × ${body.heightCm} cm from capacity_m3 ${volumeM3} (${volumeM3 >= 25 ? 'truck' : 'van'} width and height)`);
  }
  const itemCodes = [...new Set(shipments.flatMap((s) => s.lines.map((l) => l.itemCode)))].sort();
  const volumeOf = new Map<string, number | null>();
  if (itemCodes.length > 0) {
    const rows = (await sql<{ code: string; volume_m3: string | null }>`select code, volume_m3::text from item where organization_id = ${org} and code in (${sql.join(itemCodes)})`.execute(db)).rows;
    for (const row of rows) volumeOf.set(row.code, row.volume_m3 === null ? null : Number(row.volume_m3));
  }
  const boxes: ShipmentLoadPlan['boxes'] = [];
  shipments.forEach((shipment, index) => {
    for (const pkg of shipment.packages) {
      const lines = shipment.lines.filter((l) => l.packageNumber === pkg.packageNumber);
      const known = lines.every((l) => (volumeOf.get(l.itemCode) ?? null) !== null) && lines.length > 0;
      const goodsM3 = lines.reduce((sum, l) => sum + l.quantity * (volumeOf.get(l.itemCode) ?? 0), 0);
      const common = { id: `${shipment.shipmentNumber}#${pkg.packageNumber}`, quantity: 1, weightKg: pkg.grossWeightKg ?? 0, stopSequence: index + 1, shipmentNumber: shipment.shipmentNumber, packageNumber: pkg.packageNumber, sscc: pkg.sscc, sizeSource: known ? 'volume' as const : 'default' as const };
      if (pkg.packageType === 'pallet') {
        const goodsCm = known ? Math.max(EUR_PALLET.minGoodsHeightCm, (goodsM3 * 1e6) / (EUR_PALLET.lengthCm * EUR_PALLET.widthCm)) : EUR_PALLET.defaultGoodsHeightCm;
        boxes.push({ ...common, lengthCm: EUR_PALLET.lengthCm, widthCm: EUR_PALLET.widthCm, heightCm: round1(Math.ceil((EUR_PALLET.deckHeightCm + goodsCm) * 10) / 10), verticalAllowed: { length: false, width: false, height: true }, stackable: false });
      } else {
        const side = known ? Math.max(DEFAULT_PARCEL_CM.minSideCm, Math.ceil(Math.cbrt(goodsM3) * 100)) : 0;
        boxes.push(known
          ? { ...common, lengthCm: side, widthCm: side, heightCm: side, verticalAllowed: { length: true, width: true, height: true }, stackable: true }
          : { ...common, lengthCm: DEFAULT_PARCEL_CM.lengthCm, widthCm: DEFAULT_PARCEL_CM.widthCm, heightCm: DEFAULT_PARCEL_CM.heightCm, verticalAllowed: { length: true, width: true, height: true }, stackable: true });
      }
    }
  });
  if (boxes.length === 0) throw new ShipmentError('invalid_input', 'shipments.error.noPackages', { shipments: shipments.map((s) => s.shipmentNumber).join(', ') }, 'shipmentNumbers');
  const defaults = boxes.filter((b) => b.sizeSource === 'default').map((b) => b.id);
  if (defaults.length > 0) assumptions.push(`default size (no item volume_m3) for ${defaults.join(', ')}`);
  const support = input.support ?? 'full';
  const packingInput = { container, boxTypes: boxes.map(({ shipmentNumber: _s, packageNumber: _p, sscc: _c, sizeSource: _z, ...box }) => box) };
  const result = planLoad(packingInput, { support, seed: input.seed ?? 1, maxCompletions: input.maxCompletions ?? 400 });
  const issues = checkLoad(packingInput, result.placements, { support });
  const byId = new Map(boxes.map((b) => [b.id, b]));
  return {
    vehicleCode: input.vehicleCode,
    container,
    boxes,
    stops: shipments.map((s, index) => ({ stopSequence: index + 1, shipmentNumber: s.shipmentNumber })),
    status: result.status,
    placements: result.placements,
    volumeUtilisation: result.volumeUtilisation,
    packedWeightKg: result.packedWeightKg,
    unpacked: result.exceptions.map((e) => ({ shipmentNumber: byId.get(e.boxTypeId)?.shipmentNumber ?? '', packageNumber: byId.get(e.boxTypeId)?.packageNumber ?? 0, reason: e.reason })),
    issues,
    search: result.search,
    svg: renderLoadSvg(container, result.placements, { title: `${input.vehicleCode}: ${shipments.map((s) => s.shipmentNumber).join(' + ')}`, colourBy: 'stop' }),
    assumptions,
  };
}

/**
 * The 3D load of planned shipments on a vehicle, without loading them (a preview; the load command builds the same
 * plan and refuses a load that does not fit). Shipments in delivery order. See planShipmentLoadIn.
 */
export async function planShipmentLoad(handle: DatabaseHandle, input: PlanShipmentLoadInput): Promise<ShipmentLoadPlan> {
  if (input.shipmentNumbers.length === 0) throw new ShipmentError('invalid_input', 'shipments.error.noShipments', {}, 'shipmentNumbers');
  if (new Set(input.shipmentNumbers).size !== input.shipmentNumbers.length) {
    const twice = input.shipmentNumbers.find((n, i) => input.shipmentNumbers.indexOf(n) !== i)!;
    throw new ShipmentError('invalid_input', 'shipments.error.shipmentTwice', { shipment: twice }, 'shipmentNumbers');
  }
  const shipments: Shipment[] = [];
  for (const number of input.shipmentNumbers) shipments.push(await getShipment(handle, input.organizationId, number));
  return planShipmentLoadIn(handle.db, input, shipments);
}
