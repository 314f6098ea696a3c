import { CoreError } from '../shared/core-error';
import { requireNonNegative, requireNonNegativeArray } from '../shared/input-checks';
import type { AllocationInput, AllocationLineResult, AllocationOrderLine, AllocationReason, AllocationResult, AllocationRules } from './types';

type OpenLine = AllocationOrderLine & { priority: number; open: number; result: AllocationLineResult; seen: Set<string> };

const EPS = 1e-9;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function validate(input: AllocationInput): { receipts: number[]; rules: Required<Pick<AllocationRules, 'sequence' | 'shareWithinGroup' | 'wholeUnits'>> & AllocationRules } {
  requireNonNegative(input?.onHandUnits, 'onHandUnits');
  const receipts = requireNonNegativeArray(input.receiptsUnits, 'receiptsUnits');
  if (!Array.isArray(input.orderLines)) throw new CoreError('invalid_input', 'expected an array of order lines', { path: 'orderLines' });
  const ids = new Set<string>();
  input.orderLines.forEach((line, index) => {
    const path = `orderLines[${index}]`;
    if (typeof line.lineId !== 'string' || line.lineId === '' || ids.has(line.lineId)) throw new CoreError('invalid_input', 'each order line needs a unique id', { path: `${path}.lineId` });
    ids.add(line.lineId);
    if (typeof line.customerId !== 'string' || line.customerId === '') throw new CoreError('invalid_input', 'customer id is required', { path: `${path}.customerId` });
    requireNonNegative(line.quantityUnits, `${path}.quantityUnits`);
    if (!Number.isInteger(line.dueBucket) || line.dueBucket < 0 || line.dueBucket >= receipts.length) throw new CoreError('out_of_range', `due bucket must be an integer in 0..${receipts.length - 1}`, { path: `${path}.dueBucket` });
    if (line.priorityClass !== undefined && (!Number.isInteger(line.priorityClass) || line.priorityClass < 1)) throw new CoreError('out_of_range', 'priority class is an integer ≥ 1', { path: `${path}.priorityClass` });
  });
  const rules = input.rules ?? {};
  const sequence = rules.sequence ?? 'priority-then-due';
  if (sequence !== 'priority-then-due' && sequence !== 'due-then-priority') throw new CoreError('unsupported', `sequence ${String(sequence)}`, { path: 'rules.sequence' });
  const shareWithinGroup = rules.shareWithinGroup ?? 'sequential';
  if (shareWithinGroup !== 'sequential' && shareWithinGroup !== 'fair-share') throw new CoreError('unsupported', `shareWithinGroup ${String(shareWithinGroup)}`, { path: 'rules.shareWithinGroup' });
  (rules.quotas ?? []).forEach((quota, index) => {
    if (!(quota.share >= 0 && quota.share <= 1)) throw new CoreError('out_of_range', 'a quota share is a fraction in 0–1', { path: `rules.quotas[${index}].share` });
  });
  if (rules.protectedStock !== undefined) requireNonNegative(rules.protectedStock.quantityUnits, 'rules.protectedStock.quantityUnits');
  return { receipts, rules: { ...rules, sequence, shareWithinGroup, wholeUnits: rules.wholeUnits ?? true } };
}

/**
 * Splits `poolUnits` among lines in proportion to their open quantity, never above a line's cap
 * (water-filling), then to whole units by largest remainder (ties: line order). Fair-share rule as
 * in allocation planning (e.g. Chopra & Meindl, ch. on managing supply shortages; SAP/APO "fair share").
 */
function fairShare(lines: OpenLine[], caps: number[], poolUnits: number, wholeUnits: boolean): number[] {
  const given = lines.map(() => 0);
  let pool = poolUnits;
  let active = lines.map((_, i) => i).filter((i) => (caps[i] ?? 0) > EPS);
  while (active.length > 0 && pool > EPS) {
    const weight = active.reduce((sum, i) => sum + (lines[i] as OpenLine).open, 0);
    const saturated = active.filter((i) => (pool * (lines[i] as OpenLine).open) / weight >= (caps[i] ?? 0) - EPS);
    if (saturated.length === 0) {
      for (const i of active) given[i] = (pool * (lines[i] as OpenLine).open) / weight;
      pool = 0;
      break;
    }
    for (const i of saturated) {
      given[i] = caps[i] ?? 0;
      pool -= caps[i] ?? 0;
    }
    active = active.filter((i) => !saturated.includes(i));
  }
  if (!wholeUnits) return given;
  const floors = given.map((value) => Math.floor(value + EPS));
  let leftover = Math.round(given.reduce((a, b) => a + b, 0)) - floors.reduce((a, b) => a + b, 0);
  const order = given.map((value, i) => ({ i, fraction: value - (floors[i] ?? 0) })).sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order) {
    if (leftover <= 0) break;
    if ((floors[i] ?? 0) + 1 <= (caps[i] ?? 0) + EPS) {
      floors[i] = (floors[i] ?? 0) + 1;
      leftover -= 1;
    }
  }
  return floors;
}

function note(line: OpenLine, reason: AllocationReason): void {
  if (line.seen.has(reason.code)) return;
  line.seen.add(reason.code);
  line.result.reasons.push(reason);
}

/**
 * Allocates one item's short supply to customer order lines, bucket by bucket, by rules: service
 * sequence (priority class then due date, or the reverse; line id breaks ties), fair share within
 * a tie group, customer quotas (share of the supply arrived so far), and protected stock kept for
 * strategic customers. Lines not served by their due bucket stay open as backorders and are served
 * from later receipts in the same order. Each line gets an explanation (reason codes with numbers).
 *
 * The run is causal: what is allocated in bucket b depends only on supply and lines up to b, so a
 * new receipt changes nothing before its bucket (see reallocateOnReceipt).
 * Example: 100 on hand, lines A (class 1, 80) and B (class 2, 50) due in bucket 0 → A 80, B 20,
 * B backordered 30; with fair share in one class → A 62, B 38 (100 × 80/130 = 61.5, largest remainder).
 * Throws CoreError invalid_input, negative_value, not_finite, out_of_range, unsupported, empty_input.
 */
export function allocateSupply(input: AllocationInput): AllocationResult {
  const { receipts, rules } = validate(input);
  const wholeUnits = rules.wholeUnits;
  const quotaShare = new Map((rules.quotas ?? []).map((quota) => [quota.customerId, quota.share]));
  const protectedCustomers = new Set(rules.protectedStock?.customerIds ?? []);
  const protectedUntil = rules.protectedStock?.untilBucket ?? receipts.length - 1;
  let reserve = rules.protectedStock?.quantityUnits ?? 0;
  const lines: OpenLine[] = input.orderLines.map((line) => ({
    ...line,
    priority: line.priorityClass ?? 3,
    open: line.quantityUnits,
    seen: new Set<string>(),
    result: { lineId: line.lineId, customerId: line.customerId, priorityClass: line.priorityClass ?? 3, dueBucket: line.dueBucket, requestedUnits: line.quantityUnits, allocations: [], onTimeUnits: 0, lateUnits: 0, backorderUnits: 0, status: 'backordered', reasons: [] },
  }));
  const compare = (a: OpenLine, b: OpenLine): number =>
    rules.sequence === 'priority-then-due'
      ? a.priority - b.priority || a.dueBucket - b.dueBucket || compareIds(a.lineId, b.lineId)
      : a.dueBucket - b.dueBucket || a.priority - b.priority || compareIds(a.lineId, b.lineId);
  const groupKey = (line: OpenLine): string => (rules.sequence === 'priority-then-due' ? `${line.priority}` : `${line.dueBucket}|${line.priority}`);
  const usedByCustomer = new Map<string, number>();
  let pool = 0;
  let arrived = 0;
  for (let bucket = 0; bucket < receipts.length; bucket += 1) {
    const incoming = (bucket === 0 ? input.onHandUnits : 0) + (receipts[bucket] ?? 0);
    pool += incoming;
    arrived += incoming;
    if (bucket > protectedUntil) reserve = 0;
    const quotasActive = rules.releaseQuotasFromBucket === undefined || bucket < rules.releaseQuotasFromBucket;
    const eligible = lines.filter((line) => line.dueBucket <= bucket && line.open > EPS).sort(compare);
    const groups: OpenLine[][] = [];
    for (const line of eligible) {
      const last = groups[groups.length - 1];
      if (last !== undefined && groupKey(last[0] as OpenLine) === groupKey(line)) last.push(line);
      else groups.push([line]);
    }
    const servedBefore: string[] = [];
    for (const group of groups) {
      const rankedAbove = [...servedBefore];
      for (const isProtected of [true, false]) {
        const members = group.filter((line) => protectedCustomers.has(line.customerId) === isProtected);
        if (members.length === 0) continue;
        const reachable = isProtected ? pool : Math.max(0, pool - reserve);
        const quotaRoom = (line: OpenLine): number => {
          const share = quotaShare.get(line.customerId);
          if (share === undefined || !quotasActive) return Number.POSITIVE_INFINITY;
          const room = share * arrived - (usedByCustomer.get(line.customerId) ?? 0);
          return Math.max(0, wholeUnits ? Math.floor(room + EPS) : room);
        };
        let given: number[];
        if (rules.shareWithinGroup === 'fair-share') {
          // Customers sharing a quota: cap each line by its customer's room (lines of one customer rarely compete in one group).
          const caps = members.map((line) => Math.min(line.open, quotaRoom(line)));
          const capped = wholeUnits ? Math.floor(reachable + EPS) : reachable;
          given = caps.reduce((a, b) => a + b, 0) <= capped + EPS ? caps : fairShare(members, caps, capped, wholeUnits);
          if (capped > EPS && caps.reduce((a, b) => a + b, 0) > capped + EPS) members.forEach((line) => note(line, { code: 'fair_share', bucket, params: { bucket, poolUnits: capped, openUnits: line.open } }));
        } else {
          let left = wholeUnits ? Math.floor(reachable + EPS) : reachable;
          const pendingUse = new Map<string, number>();
          given = members.map((line) => {
            const take = Math.max(0, Math.min(line.open, quotaRoom(line) - (pendingUse.get(line.customerId) ?? 0), left));
            pendingUse.set(line.customerId, (pendingUse.get(line.customerId) ?? 0) + take);
            left -= take;
            return take;
          });
        }
        members.forEach((line, i) => {
          const take = given[i] ?? 0;
          const room = quotaRoom(line);
          if (take > EPS) {
            line.open -= take;
            pool -= take;
            usedByCustomer.set(line.customerId, (usedByCustomer.get(line.customerId) ?? 0) + take);
            line.result.allocations.push({ bucket, quantityUnits: take });
            if (bucket <= line.dueBucket) line.result.onTimeUnits += take;
            else line.result.lateUnits += take;
            if (isProtected && reserve > EPS) {
              note(line, { code: 'served_from_protected_stock', bucket, params: { bucket, protectedUnits: rules.protectedStock?.quantityUnits ?? 0 } });
              reserve = Math.max(0, reserve - take);
            }
          }
          if (line.open > EPS) {
            if (room <= take + EPS && room < Number.POSITIVE_INFINITY) note(line, { code: 'capped_by_quota', bucket, params: { bucket, share: quotaShare.get(line.customerId) ?? 0, usedUnits: usedByCustomer.get(line.customerId) ?? 0 } });
            else if (!isProtected && reserve > EPS && pool > EPS) note(line, { code: 'blocked_by_protected_stock', bucket, params: { bucket, protectedUnits: reserve } });
            else if ((rules.shareWithinGroup === 'sequential' ? servedBefore : rankedAbove).length > 0) {
              const above = rules.shareWithinGroup === 'sequential' ? servedBefore : rankedAbove;
              note(line, { code: 'outranked', bucket, params: { bucket, lineIds: above.slice(0, 5).join(', ') } });
            } else if (take <= EPS && pool <= EPS) note(line, { code: 'no_supply', bucket, params: { bucket } });
          }
          if (take > EPS) servedBefore.push(line.lineId);
        });
      }
    }
  }
  let allocated = 0;
  let onTime = 0;
  let requested = 0;
  for (const line of lines) {
    const result = line.result;
    result.backorderUnits = Math.max(0, line.open);
    allocated += result.onTimeUnits + result.lateUnits;
    onTime += result.onTimeUnits;
    requested += result.requestedUnits;
    if (result.backorderUnits > EPS) {
      result.status = result.onTimeUnits + result.lateUnits > EPS ? 'partial' : 'backordered';
      result.reasons.push({ code: 'backordered', params: { quantityUnits: result.backorderUnits } });
    } else if (result.lateUnits > EPS) {
      const lastBucket = result.allocations[result.allocations.length - 1]?.bucket ?? result.dueBucket;
      result.status = 'filled_late';
      result.reasons.push({ code: 'filled_late', bucket: lastBucket, params: { bucket: lastBucket, bucketsLate: lastBucket - result.dueBucket } });
    } else {
      result.status = 'filled_on_time';
      result.reasons.push({ code: 'filled_on_time', bucket: result.dueBucket, params: { bucket: result.dueBucket } });
    }
  }
  const totalSupply = input.onHandUnits + receipts.reduce((a, b) => a + b, 0);
  return {
    itemId: input.itemId,
    status: lines.every((line) => line.result.status === 'filled_on_time') ? 'all_served' : 'shortage',
    lines: lines.map((line) => line.result),
    totalSupplyUnits: totalSupply,
    totalAllocatedUnits: allocated,
    endingStockUnits: totalSupply - allocated,
    onTimeFillRate: requested > 0 ? onTime / requested : 1,
  };
}
