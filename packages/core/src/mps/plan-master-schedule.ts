import { CoreError } from '../shared/core-error';
import { computeAvailableToPromise } from './compute-available-to-promise';
import { consumeForecast } from './consume-forecast';
import { optionalNonNegative, perPeriod, requireNonNegative, requireNonNegativeArray } from '../shared/input-checks';
import type { MasterScheduleException, MasterScheduleInput, MasterScheduleLotSizing, MasterSchedulePeriod, MasterScheduleResult, TimeFenceZone } from './types';

/** Quantity to schedule for a net need (units) under the lot-sizing rule. */
function sizeLot(needUnits: number, lotSizing: MasterScheduleLotSizing): number {
  let quantity = needUnits;
  if (lotSizing.rule === 'fixed-quantity') {
    const lot = lotSizing.lotSizeUnits as number;
    quantity = Math.ceil(needUnits / lot - 1e-9) * lot;
  }
  quantity = Math.max(quantity, lotSizing.minimumLotUnits ?? 0);
  const multiple = lotSizing.lotMultipleUnits ?? 0;
  if (multiple > 0) quantity = Math.ceil(quantity / multiple - 1e-9) * multiple;
  return quantity;
}

function validateLotSizing(lotSizing: MasterScheduleLotSizing | undefined): MasterScheduleLotSizing {
  const value = lotSizing ?? { rule: 'lot-for-lot' };
  if (value.rule !== 'lot-for-lot' && value.rule !== 'fixed-quantity') throw new CoreError('unsupported', `lot-sizing rule ${String(value.rule)} is not supported by the MPS (use lot-for-lot or fixed-quantity)`, { path: 'lotSizing.rule' });
  if (value.rule === 'fixed-quantity' && !(requireNonNegative(value.lotSizeUnits, 'lotSizing.lotSizeUnits') > 0)) throw new CoreError('out_of_range', 'fixed lot size must be > 0', { path: 'lotSizing.lotSizeUnits' });
  optionalNonNegative(value.minimumLotUnits, 'lotSizing.minimumLotUnits', 0);
  optionalNonNegative(value.lotMultipleUnits, 'lotSizing.lotMultipleUnits', 0);
  return value;
}

/**
 * Plans the master production schedule (MPS / PDP) of one end item per period (weeks): demand from
 * forecast and customer orders, time fences, projected available balance (PAB), MPS quantities,
 * discrete and cumulative ATP.
 *
 * Formulas: demand_t = orders_t inside the demand time fence, else max(forecast_t, orders_t)
 * ('greater-of') or orders_t + unconsumed forecast_t ('consume-forecast');
 * PAB_t = PAB_{t−1} + firm_t + planned_t − demand_t, with planned_t = lot(SS − (PAB_{t−1} + firm_t −
 * demand_t)) when that balance falls below safety stock SS; no planned quantity is created in the
 * frozen zone (a shortage exception instead); in the slushy zone it is created and flagged for
 * approval. With a production plan (the family's S&OP plan disaggregated to the item), liquid periods
 * schedule lot(cumulative plan − cumulative MPS) first, and add to it only where PAB would still fall
 * below SS (exception above_production_plan): the MPS sums to the S&OP plan unless demand needs more
 * (Vollmann et al., ch. "Sales and Operations Planning": the MPS is constrained by the production
 * plan). ATP: see computeAvailableToPromise. Source: Vollmann et al., *Manufacturing Planning
 * and Control for Supply Chain Management*, ch. "Master Production Scheduling"; worked example from
 * Stevenson, *Operations Management* (on hand 64, lot 70 → MPS 70 in weeks 3, 5, 7, 8; PAB 31, 1,
 * 41, 11, 41, 1, 31, 61; ATP 11, 56, 68, 70, 70).
 * Throws CoreError empty_input, length_mismatch, negative_value, not_finite, out_of_range, unsupported.
 */
export function planMasterSchedule(input: MasterScheduleInput): MasterScheduleResult {
  if (typeof input?.itemId !== 'string' || input.itemId === '') throw new CoreError('invalid_input', 'item id is required', { path: 'itemId' });
  const forecast = requireNonNegativeArray(input.forecastUnits, 'forecastUnits');
  const periodCount = forecast.length;
  const orders = requireNonNegativeArray(input.customerOrdersUnits, 'customerOrdersUnits');
  if (orders.length !== periodCount) throw new CoreError('length_mismatch', `expected ${periodCount} periods of orders, got ${orders.length}`, { path: 'customerOrdersUnits' });
  const labels = input.periodLabels ?? forecast.map((_, t) => `W${t + 1}`);
  if (labels.length !== periodCount) throw new CoreError('length_mismatch', `expected ${periodCount} period labels`, { path: 'periodLabels' });
  const onHand = requireNonNegative(input.onHandUnits, 'onHandUnits');
  const safetyStock = optionalNonNegative(input.safetyStockUnits, 'safetyStockUnits', 0);
  const firm = perPeriod(input.firmReceiptsUnits, periodCount, 'firmReceiptsUnits', 0);
  const productionPlan = input.productionPlanUnits === undefined ? null : perPeriod(input.productionPlanUnits, periodCount, 'productionPlanUnits', 0);
  const lotSizing = validateLotSizing(input.lotSizing);
  const demandFence = input.timeFences?.demandTimeFencePeriods ?? 0;
  const planningFence = input.timeFences?.planningTimeFencePeriods ?? demandFence;
  if (!Number.isInteger(demandFence) || demandFence < 0) throw new CoreError('out_of_range', 'demand time fence must be an integer ≥ 0', { path: 'timeFences.demandTimeFencePeriods' });
  if (!Number.isInteger(planningFence) || planningFence < demandFence) throw new CoreError('out_of_range', 'planning time fence must be an integer ≥ the demand time fence', { path: 'timeFences.planningTimeFencePeriods' });
  const policy = input.demandPolicy ?? 'greater-of';
  if (policy !== 'greater-of' && policy !== 'consume-forecast') throw new CoreError('unsupported', `demand policy ${String(policy)}`, { path: 'demandPolicy' });

  const exceptions: MasterScheduleException[] = [];
  const zoneOf = (t: number): TimeFenceZone => (t < demandFence ? 'frozen' : t < planningFence ? 'slushy' : 'liquid');
  let demand: number[];
  if (policy === 'greater-of') {
    demand = forecast.map((value, t) => (zoneOf(t) === 'frozen' ? (orders[t] ?? 0) : Math.max(value, orders[t] ?? 0)));
  } else {
    const consumed = consumeForecast({ forecastUnits: forecast, customerOrdersUnits: orders, backwardPeriods: input.consumption?.backwardPeriods ?? 0, forwardPeriods: input.consumption?.forwardPeriods ?? 0 });
    demand = consumed.totalDemandUnits.map((value, t) => (zoneOf(t) === 'frozen' ? (orders[t] ?? 0) : value));
    consumed.unforecastOrderUnits.forEach((units, t) => {
      if (units > 0) exceptions.push({ code: 'unforecast_orders', period: labels[t] as string, quantityUnits: units, message: `${units} units ordered beyond the forecast in ${labels[t]}.` });
    });
  }

  const planned = new Array<number>(periodCount).fill(0);
  const projected: number[] = [];
  let balance = onHand;
  let cumulativePlanUnits = 0;
  let cumulativeScheduledUnits = 0;
  for (let t = 0; t < periodCount; t += 1) {
    const zone = zoneOf(t);
    const label = labels[t] as string;
    let next = balance + (firm[t] ?? 0) - (demand[t] ?? 0);
    if (productionPlan && zone === 'liquid') {
      // Follow the family plan: schedule what the cumulative plan asks beyond what is already scheduled.
      cumulativePlanUnits += productionPlan[t] ?? 0;
      cumulativeScheduledUnits += firm[t] ?? 0;
      const due = cumulativePlanUnits - cumulativeScheduledUnits;
      if (due > 1e-9) {
        planned[t] = sizeLot(due, lotSizing);
        next += planned[t] ?? 0;
        cumulativeScheduledUnits += planned[t] ?? 0;
      }
    }
    if (next < safetyStock - 1e-9) {
      const need = safetyStock - next;
      if (zone === 'frozen') {
        exceptions.push({ code: 'shortage_in_frozen_zone', period: label, quantityUnits: need, message: `Projected available ${next} is ${need} below safety stock inside the frozen zone; expedite or reschedule orders.` });
      } else {
        const quantity = sizeLot(need, lotSizing);
        planned[t] = (planned[t] ?? 0) + quantity;
        next += quantity;
        if (zone === 'slushy') exceptions.push({ code: 'needs_planner_approval', period: label, quantityUnits: quantity, message: `New MPS quantity ${quantity} inside the planning time fence needs the master scheduler's approval.` });
        if (productionPlan && zone === 'liquid') {
          cumulativeScheduledUnits += quantity;
          exceptions.push({ code: 'above_production_plan', period: label, quantityUnits: quantity, message: `${quantity} units above the family plan in ${label} keep projected available at safety stock; review the S&OP plan.` });
        }
      }
    }
    projected.push(next);
    balance = next;
  }
  const masterSchedule = firm.map((value, t) => value + (planned[t] ?? 0));
  const atp = computeAvailableToPromise({ onHandUnits: onHand, supplyUnits: masterSchedule, committedUnits: orders });
  if (atp.overcommittedUnits > 0) {
    exceptions.push({ code: 'overcommitted', period: labels[0] as string, quantityUnits: atp.overcommittedUnits, message: `Customer orders exceed on hand plus MPS by ${atp.overcommittedUnits} units.` });
  }
  const periods: MasterSchedulePeriod[] = labels.map((label, t) => ({
    period: label,
    zone: zoneOf(t),
    forecastUnits: forecast[t] ?? 0,
    customerOrdersUnits: orders[t] ?? 0,
    demandUnits: demand[t] ?? 0,
    firmReceiptsUnits: firm[t] ?? 0,
    plannedReceiptsUnits: planned[t] ?? 0,
    masterScheduleUnits: masterSchedule[t] ?? 0,
    productionPlanUnits: productionPlan?.[t] ?? 0,
    projectedAvailableUnits: projected[t] ?? 0,
    availableToPromiseUnits: atp.discreteUnits[t] ?? 0,
    cumulativeAvailableToPromiseUnits: atp.cumulativeUnits[t] ?? 0,
  }));
  return { itemId: input.itemId, status: exceptions.length === 0 ? 'ok' : 'exceptions', periods, exceptions };
}
