import { CoreError } from '../shared/core-error';
import { createRandom } from '../shared/random';
import type { MrpBomLineInput, MrpDemandInput, MrpInput, MrpItemInput, MrpLotSizingRule, MrpScheduledReceiptInput } from './types';

export type GenerateMrpModelInput = {
  itemCount: number;
  /** BOM depth: level 0 holds end items, level levels−1 purchased parts. Default 5. */
  levels?: number;
  /** Components per parent. Default 3. */
  linesPerParent?: number;
  horizonPeriods?: number;
  seed: number;
};

/**
 * A seeded synthetic MRP model for tests and benchmarks: `levels` BOM levels whose sizes grow
 * downwards (5 %, 10 %, 20 %, 30 %, 35 % of items for 5 levels), `linesPerParent` components per
 * parent drawn from the next level (one in ten from two levels down, which gives items several
 * low-level codes), lead times 1–3, on-hand and safety stock on some items, open orders, and a mix
 * of lot-sizing rules (mostly lot-for-lot, some fixed quantity, POQ, minimum/multiple and
 * Wagner–Whitin). End items get demand in about a third of the periods.
 * Same seed → same model. Throws out_of_range for fewer items than levels.
 */
export function generateMrpModel(input: GenerateMrpModelInput): MrpInput {
  const levels = input.levels ?? 5;
  const linesPerParent = input.linesPerParent ?? 3;
  const horizonPeriods = input.horizonPeriods ?? 52;
  const { itemCount } = input;
  if (!Number.isInteger(itemCount) || itemCount < levels || levels < 1) throw new CoreError('out_of_range', 'itemCount must be a whole number >= levels', { path: 'itemCount' });
  const random = createRandom(input.seed);
  // Level weights 1, 2, 4, 6, 7 … (growing, then flattening), normalised to itemCount.
  const weights = Array.from({ length: levels }, (_, l) => (l === 0 ? 1 : Math.min(2 * l, l + 3)));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((itemCount * w) / totalWeight)));
  sizes[levels - 1]! += itemCount - sizes.reduce((a, b) => a + b, 0);
  const levelStart: number[] = [];
  let offset = 0;
  for (const size of sizes) {
    levelStart.push(offset);
    offset += size;
  }
  const idOf = (index: number): string => `I${index}`;
  const items: MrpItemInput[] = new Array(itemCount);
  const bomLines: MrpBomLineInput[] = [];
  const demands: MrpDemandInput[] = [];
  const scheduledReceipts: MrpScheduledReceiptInput[] = [];
  for (let level = 0; level < levels; level++) {
    for (let k = 0; k < (sizes[level] as number); k++) {
      const index = (levelStart[level] as number) + k;
      const id = idOf(index);
      const draw = random.next();
      let lotSizing: MrpLotSizingRule | undefined;
      if (draw < 0.6) lotSizing = undefined;
      else if (draw < 0.75) lotSizing = { method: 'fixed-quantity', fixedQuantity: 50 * random.nextInt(1, 5) };
      else if (draw < 0.85) lotSizing = { method: 'period-order-quantity', periodsOfSupply: random.nextInt(2, 5) };
      else if (draw < 0.95) lotSizing = { method: 'lot-for-lot', minimumQuantity: 20, multipleQuantity: 10 };
      else lotSizing = { method: 'wagner-whitin', orderingCostPerOrder: 50 + random.nextInt(0, 200), holdingCostPerUnitPerPeriod: 0.5 + random.next() };
      const item: MrpItemInput = {
        id,
        leadTimePeriods: random.nextInt(1, 4),
        ownerCode: level === levels - 1 ? `BUY${random.nextInt(1, 10)}` : `PLN${random.nextInt(1, 10)}`,
      };
      if (random.next() < 0.5) item.onHandQuantity = random.nextInt(0, 200);
      if (random.next() < 0.2) item.safetyStockQuantity = random.nextInt(5, 50);
      if (lotSizing) item.lotSizing = lotSizing;
      items[index] = item;
      if (random.next() < 0.1) scheduledReceipts.push({ id: `SR${index}`, itemId: id, period: random.nextInt(0, Math.min(8, horizonPeriods)), quantity: random.nextInt(10, 300) });
      if (level < levels - 1) {
        const used = new Set<number>();
        for (let line = 0; line < linesPerParent; line++) {
          const target = level + 2 < levels && random.next() < 0.1 ? level + 2 : level + 1;
          const component = (levelStart[target] as number) + random.nextInt(0, sizes[target] as number);
          if (used.has(component)) continue;
          used.add(component);
          bomLines.push({ parentId: id, componentId: idOf(component), quantityPer: random.nextInt(1, 4) });
        }
      } else if (level === 0) {
        // A one-level model: its items are end items too (handled below).
      }
      if (level === 0) {
        for (let t = 0; t < horizonPeriods; t++) {
          if (random.next() < 0.33) demands.push({ id: `D${index}-${t}`, itemId: id, period: t, quantity: random.nextInt(5, 100) });
        }
      }
    }
  }
  return { horizonPeriods, items, bomLines, demands, scheduledReceipts };
}
