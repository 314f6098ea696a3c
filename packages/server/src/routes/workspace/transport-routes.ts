import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ErrorBody, PackRequest, PackResponse, RouteSolveRequest, RouteSolveResponse, TransportCompareRequest, TransportCompareResponse,
  TransportCustomerPage, TransportCustomerQuery, TransportDepotList, TransportVehicleList,
} from '@flowpilot/contract';
import {
  CoreError, DEFAULT_EMISSION_FACTORS, computeRouteEmissions, computeTransportEmissions, parseRoutingJson, rateShipment, renderLoadSvg, validateTariff,
  type EmissionLegResult, type PackedBox, type PackingInput, type RoutingInstance, type Shipment, type ShipmentRate, type Tariff, type TransportMode,
} from '@flowpilot/core';
import { WorkerTaskError, recordAuditEntry, runLoadPlanningBatch, runRoutePlanning } from '@flowpilot/services';
import type { AppContext } from '../../app';
import { HttpError } from '../../error-handler';
import { organizationOf } from '../../auth/request-auth';
import { actorOf } from '../auth';
import { matchesSearch, pageOfList, roundTo, translatorOf } from './workspace-request';

/** Distance convention of the delivery problems built from the data: great-circle × road factor, at a mean road speed. */
const ROAD_FACTOR = 1.3;
const SPEED_KM_PER_HOUR = 50;
/** Sales orders whose lines still wait for delivery. */
const OPEN_ORDER_STATUSES = ['open', 'confirmed', 'partially_shipped'];
/** carrier.transport_mode → core transport mode (an intermodal chain is priced by its main, rail, leg). */
const MODE_OF: Record<string, TransportMode> = { road_ftl: 'road-ftl', road_ltl: 'road-ltl', parcel: 'parcel', rail: 'rail', sea: 'sea', air: 'air', intermodal: 'rail' };

const toMinutes = (time: string | null): number | undefined => {
  if (!time) return undefined;
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
};

/** Re-raises a core error thrown inside a worker thread as the CoreError it was (same code and path). */
function rethrowWorkerError(error: unknown): never {
  if (error instanceof WorkerTaskError && error.code !== undefined) {
    throw new CoreError(error.code as CoreError['code'], error.message, { ...(error.path === undefined ? {} : { path: error.path }), cause: error });
  }
  throw error;
}

/** Why boxes of one type stayed on the dock: no allowed orientation fits, the payload limit, or no space left. */
function unpackedReason(input: PackingInput, boxTypeId: string, packedWeightKg: number): 'too_large' | 'weight_limit' | 'no_space' {
  const box = input.boxTypes.find((b) => b.id === boxTypeId);
  if (!box) return 'no_space';
  const { lengthCm: L, widthCm: W, heightCm: H, maxPayloadKg } = input.container;
  const dims = [box.lengthCm, box.widthCm, box.heightCm] as const;
  const vertical = box.verticalAllowed ?? { length: true, width: true, height: true };
  const allowed = [vertical.length, vertical.width, vertical.height];
  const fits = dims.some((up, index) => {
    if (!allowed[index] || up > H) return false;
    const [a, b] = dims.filter((_, k) => k !== index) as [number, number];
    return (a <= L && b <= W) || (a <= W && b <= L);
  });
  if (!fits) return 'too_large';
  if (maxPayloadKg !== undefined && packedWeightKg + (box.weightKg ?? 0) > maxPayloadKg) return 'weight_limit';
  return 'no_space';
}

/** Transport: customers on the map, the day's delivery routes, carrier price comparison, and load plans. */
export function registerTransportRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = context.handle.db;

  typed.get('/api/v1/transport/customers', {
    config: { permission: 'transport:read' },
    schema: { tags: ['transport'], querystring: TransportCustomerQuery, response: { 200: TransportCustomerPage, 400: ErrorBody } },
  }, async (request) => {
    const org = organizationOf(request);
    const { page, pageSize, search, warehouseCode } = request.query;
    // Open lines are summed per customer first, then joined: one pass over the order lines.
    const rows = (await sql<{ code: string; name: string; city: string | null; postal_code: string | null; country: string; latitude: string | null; longitude: string | null; line_count: string | null; units: string | null; kg: string | null }>`
      with open_lines as (
        select o.customer_code, count(*) as line_count, sum(l.quantity - l.shipped_quantity) as units, sum((l.quantity - l.shipped_quantity) * coalesce(i.weight_kg, 0)) as kg
        from sales_order_line l
        join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
        join item i on i.organization_id = l.organization_id and i.code = l.item_code
        where l.organization_id = ${org} and o.status in (${sql.join(OPEN_ORDER_STATUSES)}) and l.quantity > l.shipped_quantity
          and (${warehouseCode ?? null}::text is null or l.location_code = ${warehouseCode ?? null})
        group by o.customer_code)
      select c.code, c.name, c.city, c.postal_code, c.country, c.latitude::text, c.longitude::text, ol.line_count::text, ol.units::text, ol.kg::text
      from customer c left join open_lines ol on ol.customer_code = c.code
      where c.organization_id = ${org} order by c.code`.execute(db)).rows;
    const items = rows
      .filter((r) => matchesSearch(search, r.code, r.name, r.city) && (warehouseCode === undefined || Number(r.line_count ?? 0) > 0))
      .map((r) => ({
        code: r.code, name: r.name, city: r.city, postalCode: r.postal_code, country: r.country,
        latitude: r.latitude === null ? null : Number(r.latitude), longitude: r.longitude === null ? null : Number(r.longitude),
        openOrderLineCount: Number(r.line_count ?? 0), openDemandUnits: roundTo(Number(r.units ?? 0), 3), openDemandKg: roundTo(Number(r.kg ?? 0), 3),
      }));
    return pageOfList(items, page, pageSize);
  });

  typed.get('/api/v1/transport/depots', { config: { permission: 'transport:read' }, schema: { tags: ['transport'], response: { 200: TransportDepotList } } }, async (request) => {
    const rows = (await sql<{ code: string; name: string; location_type: string; latitude: string | null; longitude: string | null; vehicles: string }>`
      select l.code, l.name, l.location_type, l.latitude::text, l.longitude::text,
        (select count(*) from vehicle v where v.organization_id = l.organization_id and v.location_code = l.code)::text as vehicles
      from location l where l.organization_id = ${organizationOf(request)} order by l.code`.execute(db)).rows;
    return { items: rows.map((r) => ({ code: r.code, name: r.name, locationType: r.location_type, latitude: r.latitude === null ? null : Number(r.latitude), longitude: r.longitude === null ? null : Number(r.longitude), vehicleCount: Number(r.vehicles) })) };
  });

  typed.get('/api/v1/transport/vehicles', { config: { permission: 'transport:read' }, schema: { tags: ['transport'], response: { 200: TransportVehicleList } } }, async (request) => {
    const rows = (await sql<{ code: string; vehicle_type: string; location_code: string; carrier_code: string | null; capacity_kg: string; capacity_m3: string | null; capacity_pallets: number | null; body_length_cm: string | null; body_width_cm: string | null; body_height_cm: string | null; cost_per_km: string; co2_kg_per_km: string }>`
      select code, vehicle_type, location_code, carrier_code, capacity_kg::text, capacity_m3::text, capacity_pallets, body_length_cm::text, body_width_cm::text, body_height_cm::text, cost_per_km::text, co2_kg_per_km::text
      from vehicle where organization_id = ${organizationOf(request)} order by code`.execute(db)).rows;
    const orNull = (value: string | null): number | null => (value === null ? null : Number(value));
    return {
      items: rows.map((r) => ({
        code: r.code, vehicleType: r.vehicle_type, depotCode: r.location_code, carrierCode: r.carrier_code, payloadKg: Number(r.capacity_kg), volumeM3: orNull(r.capacity_m3), pallets: r.capacity_pallets,
        // All three or none (check constraint vehicle_body_all_or_none).
        body: r.body_length_cm === null || r.body_width_cm === null || r.body_height_cm === null ? null : { lengthCm: Number(r.body_length_cm), widthCm: Number(r.body_width_cm), heightCm: Number(r.body_height_cm) },
        costPerKm: Number(r.cost_per_km), co2KgPerKm: Number(r.co2_kg_per_km),
      })),
    };
  });

  typed.post('/api/v1/transport/routes/solve', {
    config: { permission: 'transport:write' },
    schema: { tags: ['transport'], body: RouteSolveRequest, response: { 200: RouteSolveResponse, 400: ErrorBody, 404: ErrorBody, 422: ErrorBody } },
  }, async (request) => {
    const { t } = translatorOf(request);
    const org = organizationOf(request);
    const { warehouseCode, maxSeconds, objective, seed, unlimitedFleet } = request.body;
    const date = request.body.date ?? context.today();
    // The audit entry of a solve: nothing stored changes (before: null); after: what was asked and the plan found.
    const audited = async <R extends { status: string; vehicles: number; distanceKm: number; costEur: number; co2Kg: number; routes: { vehicleType: string; stops: { customerCode: string }[] }[]; skipped: unknown[] }>(result: R): Promise<R> => {
      await recordAuditEntry(db, {
        organizationId: org, actor: actorOf(request), action: 'solve', entity: 'route_plan', entityKey: `${warehouseCode}@${date}`, before: null,
        after: {
          request: request.body, status: result.status, vehicles: result.vehicles, distanceKm: result.distanceKm, costEur: result.costEur, co2Kg: result.co2Kg,
          routes: result.routes.map((r) => ({ vehicleType: r.vehicleType, customerCodes: r.stops.map((s) => s.customerCode) })), skippedCount: result.skipped.length,
        },
      });
      return result;
    };
    const depot = (await sql<{ code: string; name: string; latitude: string | null; longitude: string | null }>`
      select code, name, latitude::text, longitude::text from location where organization_id = ${org} and code = ${warehouseCode}`.execute(db)).rows[0];
    if (!depot) throw new HttpError(404, 'not_found', t('workspace.error.location_not_found', { code: warehouseCode }));
    if (depot.latitude === null || depot.longitude === null) throw new HttpError(422, 'no_coordinates', t('workspace.error.depot_no_coordinates', { code: warehouseCode }));
    const vehicles = (await sql<{ code: string; vehicle_type: string; capacity_kg: string; fixed_cost_per_day: string; cost_per_km: string; co2_kg_per_km: string; max_route_hours: string | null }>`
      select code, vehicle_type, capacity_kg::text, fixed_cost_per_day::text, cost_per_km::text, co2_kg_per_km::text, max_route_hours::text
      from vehicle where organization_id = ${org} and location_code = ${warehouseCode} order by vehicle_type, code`.execute(db)).rows;
    if (vehicles.length === 0) throw new HttpError(422, 'no_vehicle', t('workspace.error.no_vehicle', { code: warehouseCode }));
    // The search plans the warehouse's whole fleet (several types: cluster, route, then the cheapest type per
    // route), or the one type asked for; each type with the most demanding figures of its vehicles.
    const byType = new Map<string, typeof vehicles>();
    for (const v of vehicles) byType.set(v.vehicle_type, [...(byType.get(v.vehicle_type) ?? []), v]);
    const types = [...byType].map(([type, list]) => ({ vehicleType: type, count: list.length, capacityKg: Math.min(...list.map((v) => Number(v.capacity_kg))) }));
    const chosen = request.body.vehicleType === undefined ? types : types.filter((type) => type.vehicleType === request.body.vehicleType);
    if (chosen.length === 0) throw new HttpError(422, 'unknown_vehicle_type', t('workspace.error.unknown_vehicle_type', { code: warehouseCode, vehicleType: request.body.vehicleType, expected: types.map((type) => type.vehicleType).join(', ') }));
    const fleetTypes = chosen.map((type) => {
      const list = byType.get(type.vehicleType)!;
      const hours = list.map((v) => v.max_route_hours).filter((h): h is string => h !== null).map(Number);
      return {
        vehicleType: type.vehicleType, count: unlimitedFleet ? null : list.length, capacityKg: type.capacityKg,
        fixedCostEur: Math.max(...list.map((v) => Number(v.fixed_cost_per_day))), costPerKmEur: Math.max(...list.map((v) => Number(v.cost_per_km))),
        co2KgPerKm: Math.max(...list.map((v) => Number(v.co2_kg_per_km))), maxRouteMinutes: hours.length > 0 ? Math.min(...hours) * 60 : null,
      };
    });
    const figuresOf = new Map(fleetTypes.map((type) => [type.vehicleType, type]));
    const vehicleType = request.body.vehicleType ?? null;
    const capacityKg = Math.max(...fleetTypes.map((type) => type.capacityKg));

    const demandRows = (await sql<{ customer_code: string; order_number: string; kg: string }>`
      select o.customer_code, l.order_number, sum((l.quantity - l.shipped_quantity) * coalesce(i.weight_kg, 0))::text as kg
      from sales_order_line l
      join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
      join item i on i.organization_id = l.organization_id and i.code = l.item_code
      where l.organization_id = ${org} and l.location_code = ${warehouseCode} and o.status in (${sql.join(OPEN_ORDER_STATUSES)})
        and l.quantity > l.shipped_quantity and coalesce(l.promised_date, l.requested_date) <= ${date}::date
      group by o.customer_code, l.order_number order by o.customer_code, l.order_number`.execute(db)).rows;
    const demandByCustomer = new Map<string, { kg: number; orders: string[] }>();
    for (const row of demandRows) {
      const entry = demandByCustomer.get(row.customer_code) ?? { kg: 0, orders: [] };
      entry.kg += Number(row.kg);
      entry.orders.push(row.order_number);
      demandByCustomer.set(row.customer_code, entry);
    }
    const customers = demandByCustomer.size === 0 ? [] : (await sql<{ code: string; name: string; latitude: string | null; longitude: string | null; service_minutes: number; delivery_window_start: string | null; delivery_window_end: string | null }>`
      select code, name, latitude::text, longitude::text, service_minutes, delivery_window_start::text, delivery_window_end::text from customer
      where organization_id = ${org} and code in (${sql.join([...demandByCustomer.keys()])}) order by code`.execute(db)).rows;
    const skipped: { customerCode: string; reason: string }[] = [];
    const served = customers.filter((c) => {
      const kg = roundTo(demandByCustomer.get(c.code)?.kg ?? 0, 3);
      if (c.latitude === null || c.longitude === null) skipped.push({ customerCode: c.code, reason: t('workspace.route.skipped.no_coordinates') });
      else if (kg <= 0) skipped.push({ customerCode: c.code, reason: t('workspace.route.skipped.no_weight') });
      else if (kg > capacityKg) skipped.push({ customerCode: c.code, reason: t('workspace.route.skipped.over_capacity', { demandKg: kg, capacityKg }) });
      else return true;
      return false;
    });
    const depotId = `@${depot.code}`;
    const depotPoint = { code: depot.code, name: depot.name, latitude: Number(depot.latitude), longitude: Number(depot.longitude) };
    const parameters = {
      vehicleType, vehicleCount: unlimitedFleet ? null : fleetTypes.reduce((sum, type) => sum + (type.count ?? 0), 0), vehicleTypes: types, fleet: fleetTypes, capacityKg, seed, maxSeconds,
      distance: { kind: 'haversine', roadFactor: ROAD_FACTOR, speedKmPerHour: SPEED_KM_PER_HOUR },
      co2Method: 'per route: the vehicle type\'s co2_kg_per_km × km when > 0, else ISO 14083 activity-based with the road-ltl default intensity',
      demand: 'open sales order lines from the warehouse due (promised, else requested) on or before the date: Σ open quantity × item weight_kg',
    };
    // The source of every CO2 figure: the vehicles' own kg/km (master data) or the ISO 14083 default factor of road-ltl.
    const vehicleCo2Factor = (type: string): EmissionLegResult['factor'] => ({ id: 'vehicle-co2-kg-per-km', source: `vehicle.co2_kg_per_km of ${type} (master data)`, version: 'as stored', verified: true });
    const roadDefault = DEFAULT_EMISSION_FACTORS.find((f) => f.mode === 'road-ltl')!;
    const defaultCo2Factor = { id: roadDefault.id, source: roadDefault.source, version: roadDefault.version, verified: roadDefault.verified };
    const withOwnCo2 = fleetTypes.filter((type) => type.co2KgPerKm > 0);
    // One source for the total when every type shares it; else each route names its own.
    const co2Factor = withOwnCo2.length === fleetTypes.length
      ? (fleetTypes.length === 1 ? vehicleCo2Factor(fleetTypes[0]!.vehicleType) : { id: 'vehicle-co2-kg-per-km', source: 'vehicle.co2_kg_per_km of each type (master data)', version: 'as stored', verified: true })
      : withOwnCo2.length === 0 ? defaultCo2Factor
        : { id: 'mixed', source: `per route (routes[].co2Factor): vehicle.co2_kg_per_km, else ${roadDefault.id}: ${roadDefault.source}`, version: `as stored / ${roadDefault.version}`, verified: false };
    if (served.length === 0) {
      return audited({ warehouseCode, date, depot: depotPoint, status: 'feasible' as const, objective, vehicles: 0, distanceKm: 0, costEur: 0, co2Kg: 0, co2Factor, routes: [], skipped, exceptions: [], parameters, elapsedSeconds: 0 });
    }
    const document = {
      name: `${warehouseCode}-${date}`,
      distance: { kind: 'haversine', roadFactor: ROAD_FACTOR, speedKmPerHour: SPEED_KM_PER_HOUR },
      depots: [{ id: depotId, lat: depotPoint.latitude, lon: depotPoint.longitude }],
      stops: served.map((c) => ({
        id: c.code, lat: Number(c.latitude), lon: Number(c.longitude), demand: roundTo(demandByCustomer.get(c.code)?.kg ?? 0, 3), serviceMinutes: c.service_minutes,
        ...(toMinutes(c.delivery_window_start) === undefined ? {} : { windowStartMinute: toMinutes(c.delivery_window_start) }),
        ...(toMinutes(c.delivery_window_end) === undefined ? {} : { windowEndMinute: toMinutes(c.delivery_window_end) }),
      })),
      vehicles: fleetTypes.map((type) => ({
        id: type.vehicleType, count: type.count, capacity: type.capacityKg, fixedCost: type.fixedCostEur, costPerDistance: type.costPerKmEur, depotId,
        ...(type.maxRouteMinutes === null ? {} : { maxRouteMinutes: type.maxRouteMinutes }),
      })),
    };
    const instance: RoutingInstance = parseRoutingJson(JSON.stringify(document));
    const solution = await runRoutePlanning({ instance, objective, seed, threadCount: 2, timeLimitSeconds: maxSeconds });
    const nodeIndex = new Map(instance.nodes.map((node, index) => [node.id, index]));
    const customerOf = new Map(served.map((c) => [c.code, c]));
    const routes = solution.routes.map((route) => {
      const path = [depotId, ...route.stopIds, depotId].map((id) => nodeIndex.get(id)!);
      const kgOf = (id: string): number => roundTo(demandByCustomer.get(id)?.kg ?? 0, 3);
      let co2Kg: number;
      let co2Factor: EmissionLegResult['factor'];
      const co2KgPerKm = figuresOf.get(route.vehicleTypeId)?.co2KgPerKm ?? 0;
      if (co2KgPerKm > 0) {
        co2Kg = route.distance * co2KgPerKm;
        co2Factor = vehicleCo2Factor(route.vehicleTypeId);
      } else {
        let onBoardKg = route.stopIds.reduce((sum, id) => sum + kgOf(id), 0);
        const segments = path.slice(1).map((to, k) => {
          const segment = { distanceKm: instance.distanceMatrix[path[k]!]![to]!, loadTonnes: onBoardKg / 1000 };
          onBoardKg -= kgOf(route.stopIds[k] ?? '');
          return segment;
        });
        const depotIndex = nodeIndex.get(depotId)!;
        const emissions = computeRouteEmissions({ mode: 'road-ltl', segments, shipments: route.stopIds.map((id) => ({ id, massTonnes: kgOf(id) / 1000, distanceKm: instance.distanceMatrix[depotIndex]![nodeIndex.get(id)!]! })) });
        co2Kg = emissions.co2eKg;
        co2Factor = emissions.factor;
      }
      return {
        vehicleType: route.vehicleTypeId,
        stops: route.stopIds.map((id, k) => {
          const c = customerOf.get(id)!;
          return { sequence: k + 1, customerCode: id, customerName: c.name, latitude: Number(c.latitude), longitude: Number(c.longitude), demandKg: kgOf(id), orderNumbers: demandByCustomer.get(id)?.orders ?? [] };
        }),
        distanceKm: roundTo(route.distance, 2), durationMinutes: roundTo(route.duration, 1), loadKg: roundTo(route.load, 3), costEur: roundTo(route.cost, 2), co2Kg: roundTo(co2Kg, 2),
        co2Factor,
      };
    });
    return audited({
      warehouseCode, date, depot: depotPoint, status: solution.status, objective: solution.objective, vehicles: solution.vehicles,
      distanceKm: roundTo(solution.distance, 2), costEur: roundTo(solution.cost, 2), co2Kg: roundTo(routes.reduce((sum, r) => sum + r.co2Kg, 0), 2), co2Factor,
      routes, skipped,
      exceptions: solution.exceptions.map((e) => ({ kind: e.kind, stopId: e.stopId, message: e.message })),
      // stoppedAtTimeLimit: the search threads had not answered by the limit (+ grace) and the savings plan stands in.
      parameters: { ...parameters, stoppedAtTimeLimit: solution.stoppedAtTimeLimit, threads: solution.threads }, elapsedSeconds: roundTo(solution.elapsedSeconds, 2),
    });
  });

  typed.post('/api/v1/transport/compare', {
    config: { permission: 'transport:read' },
    schema: { tags: ['transport'], body: TransportCompareRequest, response: { 200: TransportCompareResponse, 400: ErrorBody, 422: ErrorBody } },
  }, async (request) => {
    const { t } = translatorOf(request);
    const org = organizationOf(request);
    const body = request.body;
    const shipment = Object.fromEntries(Object.entries(body.shipment).filter(([, v]) => v !== undefined)) as Shipment;
    const unavailable: { carrierId: string; code: string; message: string }[] = [];
    let tariffs: Tariff[];
    if (body.tariffs) {
      tariffs = body.tariffs.map((tariff, index) => validateTariff(tariff, `tariffs[${index}]`));
    } else {
      const zone = body.shipment.zone;
      if (!zone) throw new HttpError(400, 'zone_required', t('workspace.compare.zone_required'));
      const carriers = (await sql<{ code: string; transport_mode: string; fuel_surcharge_rate: string }>`
        select code, transport_mode, fuel_surcharge_rate::text from carrier c where organization_id = ${org}
          and exists (select 1 from carrier_tariff ct where ct.organization_id = c.organization_id and ct.carrier_code = c.code) order by code`.execute(db)).rows
        .filter((c) => body.carrierCodes === undefined || body.carrierCodes.includes(c.code));
      if (carriers.length === 0) throw new HttpError(422, 'no_tariffs', t('workspace.compare.no_tariffs'));
      const bands = (await sql<{ carrier_code: string; min_weight_kg: string; max_weight_kg: string; price_per_100kg: string; minimum_charge: string; transit_days: number }>`
        select ct.carrier_code, ct.min_weight_kg::text as min_weight_kg, ct.max_weight_kg::text as max_weight_kg, ct.price_per_100kg::text as price_per_100kg,
          ct.minimum_charge::text as minimum_charge, ct.transit_days from carrier_tariff ct
        where ct.organization_id = ${org} and ct.zone = ${zone} order by ct.carrier_code, ct.min_weight_kg`.execute(db)).rows;
      tariffs = [];
      for (const carrier of carriers) {
        // Numeric order of the bands (an ORDER BY on the ::text output column once sorted 1000 before 500).
        const own = bands.filter((b) => b.carrier_code === carrier.code).sort((a, b) => Number(a.min_weight_kg) - Number(b.min_weight_kg));
        if (own.length === 0) {
          unavailable.push({ carrierId: carrier.code, code: 'no_zone', message: t('workspace.compare.no_zone', { zone }) });
          continue;
        }
        const maxKg = Math.max(...own.map((b) => Number(b.max_weight_kg)));
        if (body.shipment.weightKg > maxKg) {
          unavailable.push({ carrierId: carrier.code, code: 'over_weight', message: t('workspace.compare.over_weight', { weightKg: body.shipment.weightKg, maxKg }) });
          continue;
        }
        // A stored grid may start above 0 kg (a full-truck carrier quoting from 3 t): lighter shipments are outside it.
        const minKg = Number(own[0]!.min_weight_kg);
        if (body.shipment.weightKg < minKg) {
          unavailable.push({ carrierId: carrier.code, code: 'under_weight', message: t('workspace.compare.under_weight', { weightKg: body.shipment.weightKg, minKg }) });
          continue;
        }
        // Minimum charge and transit time of the band the weight falls in (the stored grid gives them per band).
        const band = [...own].reverse().find((b) => Number(b.min_weight_kg) <= body.shipment.weightKg) ?? own[0]!;
        tariffs.push({
          kind: 'weight-break', basis: 'per-100kg', carrierId: carrier.code, mode: MODE_OF[carrier.transport_mode] ?? 'road-ltl', currency: 'EUR',
          // The core grid covers every weight from 0: the lowest stored band starts there (the weight is at or above its own lower bound).
          breaks: own.map((b, index) => (index === 0 ? 0 : Number(b.min_weight_kg))),
          zones: [{ zone, rates: own.map((b) => Number(b.price_per_100kg)), minimumCharge: Number(band.minimum_charge), transitDays: band.transit_days }],
          fuelSurchargeFraction: Number(carrier.fuel_surcharge_rate),
        });
      }
    }
    const rates: (ShipmentRate & { co2eKg: number | null; emissionFactor: EmissionLegResult['factor'] | null })[] = [];
    for (const tariff of tariffs) {
      try {
        const rate = rateShipment(tariff, shipment);
        // ISO 14083 activity-based CO2e of the shipment's own tonne-km with the mode's default factor (its source and version go with the figure).
        const leg = shipment.distanceKm === undefined ? undefined
          : computeTransportEmissions([{ mode: rate.mode, massTonnes: shipment.weightKg / 1000, distanceKm: shipment.distanceKm }]).legs[0]!;
        rates.push({ ...rate, co2eKg: leg === undefined ? null : leg.co2eKg, emissionFactor: leg === undefined ? null : leg.factor });
      } catch (error) {
        if (!(error instanceof CoreError)) throw error;
        unavailable.push({ carrierId: tariff.carrierId, code: error.code, message: error.message });
      }
    }
    // Ranked by cost; ties by transit days, then CO2e, then carrier id.
    rates.sort((a, b) => a.totalCharge - b.totalCharge || (a.transitDays ?? Infinity) - (b.transitDays ?? Infinity) || (a.co2eKg ?? 0) - (b.co2eKg ?? 0)
      || (a.carrierId < b.carrierId ? -1 : a.carrierId > b.carrierId ? 1 : 0));
    const bestBy = (value: (r: (typeof rates)[number]) => number | null): string | null => {
      let best: (typeof rates)[number] | undefined;
      for (const r of rates) {
        const v = value(r);
        if (v !== null && (best === undefined || v < value(best)!)) best = r;
      }
      return best?.carrierId ?? null;
    };
    return {
      source: body.tariffs ? 'request' as const : 'stored_tariffs' as const,
      quotes: rates.map((r, index) => ({
        carrierId: r.carrierId, mode: r.mode, currency: r.currency, chargeableWeightKg: r.chargeableWeightKg, zone: r.zone ?? null, billedQuantity: r.billedQuantity,
        unitRate: r.unitRate, deficitWeightApplied: r.deficitWeightApplied, minimumApplied: r.minimumApplied, baseCharge: r.baseCharge, fuelSurcharge: r.fuelSurcharge,
        optionCharges: r.optionCharges, totalCharge: r.totalCharge, transitDays: r.transitDays ?? null, trips: r.trips ?? null,
        co2eKg: r.co2eKg === null ? null : roundTo(r.co2eKg, 3), emissionFactor: r.emissionFactor, rank: index + 1,
      })),
      unavailable,
      cheapestCarrierId: rates[0]?.carrierId ?? null,
      fastestCarrierId: bestBy((r) => r.transitDays ?? null),
      lowestCo2CarrierId: bestBy((r) => r.co2eKg),
      co2Method: shipment.distanceKm === undefined ? null : 'ISO 14083:2023 / GLEC v3: weight (t) × distanceKm × default WTW intensity of the mode',
    };
  });

  typed.post('/api/v1/transport/pack', {
    config: { permission: 'transport:read' },
    schema: { tags: ['transport'], body: PackRequest, response: { 200: PackResponse, 400: ErrorBody, 422: ErrorBody } },
  }, async (request) => {
    const { t } = translatorOf(request);
    const { container, boxTypes, options } = request.body;
    const input = { container, boxTypes } as PackingInput;
    const support = options?.support ?? 'none';
    const seed = options?.seed ?? 1;
    let result;
    try {
      // Block building holds the CPU for the whole time limit: it runs on a worker thread, off the event loop.
      [result] = await runLoadPlanningBatch([{ name: container.id ?? 'load', input, support, seed, timeLimitSeconds: options?.timeLimitSeconds ?? 2, keepPlacements: true }], { threadCount: 1 });
    } catch (error) {
      rethrowWorkerError(error);
    }
    const placements: PackedBox[] = result?.placements ?? [];
    const weightOf = new Map(boxTypes.map((b) => [b.id, b.weightKg ?? 0]));
    const packedWeightKg = placements.reduce((sum, p) => sum + (weightOf.get(p.boxTypeId) ?? 0), 0);
    const packedVolumeCm3 = placements.reduce((sum, p) => sum + p.sizeXCm * p.sizeYCm * p.sizeZCm, 0);
    const unpacked = boxTypes
      .map((b) => ({ boxTypeId: b.id, quantity: b.quantity - placements.filter((p) => p.boxTypeId === b.id).length }))
      .filter((u) => u.quantity > 0);
    return {
      status: unpacked.length === 0 ? 'all_packed' as const : 'partial' as const,
      placements,
      packedCount: placements.length,
      packedVolumeCm3,
      containerVolumeCm3: container.lengthCm * container.widthCm * container.heightCm,
      volumeUtilisation: result?.volumeUtilisation ?? 0,
      packedWeightKg: roundTo(packedWeightKg, 3),
      unpacked,
      exceptions: unpacked.map((u) => {
        const reason = unpackedReason(input, u.boxTypeId, packedWeightKg);
        return { kind: 'not_packed', boxTypeId: u.boxTypeId, quantity: u.quantity, reason, message: t(`workspace.pack.${reason}`, { ...u, maxPayloadKg: container.maxPayloadKg ?? '' }) };
      }),
      search: { support, seed, completions: result?.completions ?? 0, blocks: result?.blocks ?? 0, elapsedSeconds: roundTo(result?.elapsedSeconds ?? 0, 3), checkerIssueCount: result?.issueCount ?? 0, firstCheckerIssue: result?.firstIssue ?? null },
      svg: renderLoadSvg(input.container, placements, { title: container.id ?? 'load' }),
    };
  });
}
