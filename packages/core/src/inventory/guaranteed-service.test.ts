import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { planGuaranteedServiceSafetyStock, type GuaranteedServiceInput } from './guaranteed-service';
import { normalQuantile } from './internal/normal-distribution';

/** Exhaustive search over integer outbound service times: the reference the DP must match. */
function bruteForce(input: GuaranteedServiceInput): number {
  const z = normalQuantile(input.cycleServiceLevel);
  const n = input.stages.length;
  const id = new Map(input.stages.map((stage, i) => [stage.id, i]));
  const suppliers = input.stages.map(() => [] as number[]);
  const customers = input.stages.map(() => [] as { k: number; u: number }[]);
  for (const link of input.links) { suppliers[id.get(link.to)!]!.push(id.get(link.from)!); customers[id.get(link.from)!]!.push({ k: id.get(link.to)!, u: link.unitsPerUnit ?? 1 }); }
  const variance = (j: number): number => (input.stages[j]!.demandStandardDeviationPerPeriod ?? 0) ** 2 + customers[j]!.reduce((sum, c) => sum + c.u * c.u * variance(c.k), 0);
  const bound = input.stages.reduce((sum, stage) => sum + stage.processingTimePeriods + (stage.externalInboundServiceTimePeriods ?? 0), 0);
  const S = new Array<number>(n).fill(0);
  let best = Number.POSITIVE_INFINITY;
  const isDemand = (j: number): boolean => customers[j]!.length === 0 || (input.stages[j]!.demandStandardDeviationPerPeriod ?? 0) > 0;
  const visit = (j: number): void => {
    if (j === n) {
      let cost = 0;
      for (let k = 0; k < n; k++) {
        // SI is a decision >= every supplier's quote; the cheapest feasible one also allows S <= SI + T.
        const external = suppliers[k]!.length === 0 ? (input.stages[k]!.externalInboundServiceTimePeriods ?? 0) : 0;
        const si = Math.max(external, S[k]! - input.stages[k]!.processingTimePeriods, ...suppliers[k]!.map((i) => S[i]!));
        const tau = si + input.stages[k]!.processingTimePeriods - S[k]!;
        cost += input.stages[k]!.holdingCostPerUnitPerPeriod * z * Math.sqrt(variance(k) * tau);
      }
      best = Math.min(best, cost);
      return;
    }
    const max = isDemand(j) ? (input.stages[j]!.maximumOutboundServiceTimePeriods ?? 0) : bound;
    for (let s = 0; s <= max; s++) { S[j] = s; visit(j + 1); }
  };
  visit(0);
  return best;
}

describe('guaranteed-service safety stock placement (Graves & Willems 2000)', () => {
  it('serial two-stage example from the doc comment: stock upstream and downstream beats all at the end', () => {
    const result = planGuaranteedServiceSafetyStock({
      stages: [
        { id: 'plant', processingTimePeriods: 2, holdingCostPerUnitPerPeriod: 1 },
        { id: 'dc', processingTimePeriods: 1, holdingCostPerUnitPerPeriod: 2, demandMeanPerPeriod: 10, demandStandardDeviationPerPeriod: 1 },
      ],
      links: [{ from: 'plant', to: 'dc' }],
      cycleServiceLevel: 0.95,
    });
    const z = normalQuantile(0.95);
    expect(result.costPerPeriod).toBeCloseTo(z * Math.sqrt(2) + 2 * z, 9);
    expect(result.stages.map((stage) => stage.outboundServiceTimePeriods)).toEqual([0, 0]);
    expect(result.stages[1]!.baseStockLevel).toBeCloseTo(10 + z, 9);
  });
  it('matches exhaustive search on random serial, assembly and distribution trees', () => {
    const random = createRandom(2024);
    for (let trial = 0; trial < 25; trial++) {
      const n = 2 + random.nextInt(0, 4);
      const stages = Array.from({ length: n }, (_, i) => ({
        id: `s${i}`,
        processingTimePeriods: random.nextInt(0, 4),
        holdingCostPerUnitPerPeriod: 1 + random.nextInt(0, 5),
        externalInboundServiceTimePeriods: random.nextInt(0, 2),
      }));
      // Random tree: each new stage links to an earlier one, in a random direction.
      const links = [];
      for (let i = 1; i < n; i++) {
        const other = random.nextInt(0, i);
        links.push(random.next() < 0.5 ? { from: `s${other}`, to: `s${i}` } : { from: `s${i}`, to: `s${other}` });
      }
      const hasCustomer = new Set(links.map((link) => link.from));
      const withDemand = stages.map((stage) => (hasCustomer.has(stage.id) ? stage : { ...stage, demandMeanPerPeriod: 5, demandStandardDeviationPerPeriod: 1 + random.nextInt(0, 3), maximumOutboundServiceTimePeriods: random.nextInt(0, 2) }));
      const input = { stages: withDemand, links, cycleServiceLevel: 0.9 };
      const result = planGuaranteedServiceSafetyStock(input);
      expect(result.costPerPeriod).toBeCloseTo(bruteForce(input), 8);
      for (const stage of result.stages) expect(stage.netReplenishmentTimePeriods).toBeGreaterThanOrEqual(0);
    }
  });
  // FoSCT Example 6.5 (Snyder & Shen 2019): z = 1, expected cost 2 sqrt(2) + sqrt(6) + 3 with outbound service
  // times 0, 0, 0, 1 — values as asserted in LarrySnyder/stockpyl tests/test_gsm_tree.py (MIT).
  it('FoSCT Example 6.5: cost 2 sqrt(2) + sqrt(6) + 3, service times {1: 0, 2: 0, 3: 0, 4: 1}', () => {
    const result = planGuaranteedServiceSafetyStock({
      stages: [
        { id: '1', processingTimePeriods: 2, holdingCostPerUnitPerPeriod: 1, externalInboundServiceTimePeriods: 1 },
        { id: '2', processingTimePeriods: 1, holdingCostPerUnitPerPeriod: 3, demandStandardDeviationPerPeriod: 1, maximumOutboundServiceTimePeriods: 0 },
        { id: '3', processingTimePeriods: 1, holdingCostPerUnitPerPeriod: 2 },
        { id: '4', processingTimePeriods: 1, holdingCostPerUnitPerPeriod: 3, demandStandardDeviationPerPeriod: 1, maximumOutboundServiceTimePeriods: 1 },
      ],
      links: [{ from: '1', to: '3' }, { from: '3', to: '2' }, { from: '3', to: '4' }],
      cycleServiceLevel: 0.8413447460685429, // Phi(1): demand bound constant z = 1
    });
    expect(result.safetyFactor).toBeCloseTo(1, 12);
    expect(result.costPerPeriod).toBeCloseTo(2 * Math.SQRT2 + Math.sqrt(6) + 3, 9);
    expect(Object.fromEntries(result.stages.map((stage) => [stage.id, stage.outboundServiceTimePeriods]))).toEqual({ '1': 0, '2': 0, '3': 0, '4': 1 });
  });

  // FoSCT Figure 6.14, the digital-camera supply chain of Graves & Willems (2000): z = Phi^-1(0.95), sigma = 10 at
  // Build_Test_Pack; optimal cost 18.8240044725922 (customer service time 2) and 12.4686888061037 (service time 5),
  // as asserted in LarrySnyder/stockpyl tests/test_gsm_tree.py.
  const camera = (customerServiceTime: number) => planGuaranteedServiceSafetyStock({
    stages: [
      { id: 'Raw_Material', processingTimePeriods: 2, holdingCostPerUnitPerPeriod: 0.01 },
      { id: 'Process_Wafers', processingTimePeriods: 3, holdingCostPerUnitPerPeriod: 0.03 },
      { id: 'Package_Test_Wafers', processingTimePeriods: 2, holdingCostPerUnitPerPeriod: 0.04 },
      { id: 'Imager_Base', processingTimePeriods: 4, holdingCostPerUnitPerPeriod: 0.06 },
      { id: 'Imager_Assembly', processingTimePeriods: 2, holdingCostPerUnitPerPeriod: 0.12 },
      { id: 'Ship_to_Final_Assembly', processingTimePeriods: 3, holdingCostPerUnitPerPeriod: 0.13 },
      { id: 'Camera', processingTimePeriods: 6, holdingCostPerUnitPerPeriod: 0.2 },
      { id: 'Circuit_Board', processingTimePeriods: 4, holdingCostPerUnitPerPeriod: 0.08 },
      { id: 'Other_Parts', processingTimePeriods: 3, holdingCostPerUnitPerPeriod: 0.04 },
      { id: 'Build_Test_Pack', processingTimePeriods: 2, holdingCostPerUnitPerPeriod: 0.5, demandStandardDeviationPerPeriod: 10, maximumOutboundServiceTimePeriods: customerServiceTime },
    ],
    links: [
      { from: 'Raw_Material', to: 'Process_Wafers' }, { from: 'Process_Wafers', to: 'Package_Test_Wafers' },
      { from: 'Package_Test_Wafers', to: 'Imager_Assembly' }, { from: 'Imager_Base', to: 'Imager_Assembly' },
      { from: 'Imager_Assembly', to: 'Ship_to_Final_Assembly' }, { from: 'Camera', to: 'Build_Test_Pack' },
      { from: 'Ship_to_Final_Assembly', to: 'Build_Test_Pack' }, { from: 'Circuit_Board', to: 'Build_Test_Pack' },
      { from: 'Other_Parts', to: 'Build_Test_Pack' },
    ],
    cycleServiceLevel: 0.95,
  });
  it('Graves & Willems (2000) camera network (FoSCT Figure 6.14): cost 18.8240 with customer service time 2', () => {
    const result = camera(2);
    expect(result.costPerPeriod).toBeCloseTo(18.8240044725922, 9);
    expect(Object.fromEntries(result.stages.map((stage) => [stage.id, stage.outboundServiceTimePeriods]))).toEqual({
      Raw_Material: 0, Process_Wafers: 3, Package_Test_Wafers: 5, Imager_Base: 4, Imager_Assembly: 7,
      Camera: 0, Ship_to_Final_Assembly: 0, Circuit_Board: 0, Other_Parts: 0, Build_Test_Pack: 2,
    });
  });
  it('Graves & Willems (2000) camera network: cost 12.4687 with customer service time 5', () => {
    expect(camera(5).costPerPeriod).toBeCloseTo(12.4686888061037, 9);
  });

  it('refuses a cycle and an unknown stage', () => {
    const stages = [{ id: 'a', processingTimePeriods: 1, holdingCostPerUnitPerPeriod: 1 }, { id: 'b', processingTimePeriods: 1, holdingCostPerUnitPerPeriod: 1 }];
    expect(() => planGuaranteedServiceSafetyStock({ stages, links: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }], cycleServiceLevel: 0.9 })).toThrow(/cycle/);
    expect(() => planGuaranteedServiceSafetyStock({ stages, links: [{ from: 'a', to: 'x' }], cycleServiceLevel: 0.9 })).toThrow(/unknown stage x/);
  });
});
