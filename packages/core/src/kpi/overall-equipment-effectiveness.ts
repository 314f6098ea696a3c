import type { KpiMeasurement, KpiProductionEvent } from './types';
import { measurement, ratioOrNull, requireId, requireNonEmpty, requireNonNegative } from './internal/validate';
import { CoreError } from '../shared/core-error';

function checkEvent(event: KpiProductionEvent, index: number): { planned: number; run: number; idealTotal: number; idealGood: number; available: number } {
  const path = `productionEvents[${index}]`;
  requireId(event.id, `${path}.id`);
  const planned = requireNonNegative(event.plannedProductionMinutes, `${path}.plannedProductionMinutes`);
  const downtime = requireNonNegative(event.downtimeMinutes, `${path}.downtimeMinutes`);
  if (downtime > planned) throw new CoreError('out_of_range', 'downtimeMinutes exceeds plannedProductionMinutes', { path: `${path}.downtimeMinutes` });
  const ideal = requireNonNegative(event.idealCycleTimeMinutes, `${path}.idealCycleTimeMinutes`);
  const total = requireNonNegative(event.totalUnits, `${path}.totalUnits`);
  const good = requireNonNegative(event.goodUnits, `${path}.goodUnits`);
  if (good > total) throw new CoreError('out_of_range', 'goodUnits exceeds totalUnits', { path: `${path}.goodUnits` });
  const available = requireNonNegative(event.availableMinutes ?? planned, `${path}.availableMinutes`);
  return { planned, run: planned - downtime, idealTotal: ideal * total, idealGood: ideal * good, available };
}

/**
 * Overall equipment effectiveness, a fraction 0–1: availability × performance × quality.
 * Formulas (pooled over events): availability = Σ run time / Σ planned production time;
 * performance = Σ(ideal cycle × total units) / Σ run time; quality = Σ(ideal cycle × good units) /
 * Σ(ideal cycle × total units) (= good/total for a single product), so OEE = Σ(ideal × good) / Σ planned.
 * Source: Nakajima, *Introduction to TPM* (1988), six big losses; worked example from oee.com (Vorne).
 * Example (oee.com): planned 420 min, downtime 47 min, ideal 1 s, 19,271 made, 18,848 good →
 * A = 0.8881, P = 0.8611, Q = 0.9780, OEE = 0.7479. Throws empty_input, negative_value, out_of_range.
 */
export function computeOverallEquipmentEffectiveness(events: readonly KpiProductionEvent[]): KpiMeasurement {
  requireNonEmpty(events as KpiProductionEvent[], 'productionEvents');
  const sums = events.map(checkEvent).reduce(
    (acc, event) => ({ planned: acc.planned + event.planned, run: acc.run + event.run, idealTotal: acc.idealTotal + event.idealTotal, idealGood: acc.idealGood + event.idealGood }),
    { planned: 0, run: 0, idealTotal: 0, idealGood: 0 },
  );
  return measurement(sums.idealGood, sums.planned, events.map((event) => event.id), {
    availability: ratioOrNull(sums.run, sums.planned),
    performance: ratioOrNull(sums.idealTotal, sums.run),
    quality: ratioOrNull(sums.idealGood, sums.idealTotal),
    plannedProductionMinutes: sums.planned,
    runMinutes: sums.run,
  });
}

/**
 * Capacity utilisation, a fraction: run time ÷ available capacity time.
 * Formula: Σ(planned − downtime) / Σ availableMinutes (available defaults to planned time).
 * Source: APICS Dictionary "utilization". Example: 373 run minutes over 480 available → 0.777.
 * Throws empty_input, negative_value, out_of_range.
 */
export function computeCapacityUtilisation(events: readonly KpiProductionEvent[]): KpiMeasurement {
  requireNonEmpty(events as KpiProductionEvent[], 'productionEvents');
  const checked = events.map(checkEvent);
  return measurement(
    checked.reduce((sum, event) => sum + event.run, 0),
    checked.reduce((sum, event) => sum + event.available, 0),
    events.map((event) => event.id),
  );
}
