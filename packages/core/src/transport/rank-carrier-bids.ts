import { CoreError } from '../shared/core-error';

export type TenderLane = { id: string; shipmentsPerYear: number; origin?: string; destination?: string };

export type CarrierBid = {
  carrierId: string;
  laneId: string;
  pricePerShipment: number;
  transitDays: number;
  /** Share of on-time deliveries, 0–1 (history or commitment). */
  onTimeRate: number;
  co2eKgPerShipment: number;
};

/** Weights of the criteria; they need not sum to 1 (they are normalised and echoed back). */
export type TenderWeights = { cost: number; onTime: number; transit: number; co2e: number };

export type RankedBid = CarrierBid & {
  rank: number;
  score: number;
  scores: { cost: number; onTime: number; transit: number; co2e: number };
};

export type RankCarrierBidsResult = {
  weights: TenderWeights;
  lanes: { laneId: string; bids: RankedBid[]; winner: string | null }[];
  /** Carriers ranked by their shipment-weighted mean score over the lanes they bid on. */
  carriers: { carrierId: string; lanesBid: number; weightedScore: number; lanesWon: number; annualCostIfAwarded: number }[];
  /** Σ over lanes of the winner's price × shipments per year. */
  annualCostOfWinners: number;
  exceptions: { laneId: string; reason: 'no-bid' }[];
};

/**
 * Ranks carrier bids lane by lane on a weighted score of cost, service (on-time rate, transit time) and CO2e.
 * Each criterion is scored in 0–1 against the best bid of the lane: cost = min price / price, transit =
 * min days / days, CO2e = min / value, on-time = rate / best rate; score = Σ wᵢ·sᵢ / Σ wᵢ. Ties: lower price, then id.
 * Source: weighted-sum multi-criteria scoring as used in freight tenders (Caplice & Sheffi 2006, "Combinatorial
 * auctions for truckload transportation", ch. 21 of Combinatorial Auctions, MIT Press) — weights are the shipper's.
 * Example: weights cost 0.5, on-time 0.3, transit 0.1, CO2e 0.1; A 1 000 € 2 d 95 % 200 kg; B 900 € 3 d 90 % 150 kg →
 * A 0.5·0.9 + 0.3·1 + 0.1·1 + 0.1·0.75 = 0.925; B 0.5 + 0.3·0.947368 + 0.1·0.666667 + 0.1 = 0.950877 → B wins.
 * Throws invalid_input (duplicate bid, unknown lane, weights all 0), not_finite, negative_value, out_of_range (on-time > 1).
 */
export function rankCarrierBids(input: { lanes: TenderLane[]; bids: CarrierBid[]; weights: TenderWeights }): RankCarrierBidsResult {
  const { weights } = input;
  const weightSum = weights.cost + weights.onTime + weights.transit + weights.co2e;
  for (const [key, value] of Object.entries(weights)) {
    if (!Number.isFinite(value) || value < 0) throw new CoreError('negative_value', `weight ${key} must be a number ≥ 0`, { path: `weights.${key}` });
  }
  if (!(weightSum > 0)) throw new CoreError('invalid_input', 'at least one weight must be positive', { path: 'weights' });
  const lanes = new Map(input.lanes.map((lane) => [lane.id, lane]));
  const seen = new Set<string>();
  input.bids.forEach((bid, index) => {
    const path = `bids[${index}]`;
    if (!lanes.has(bid.laneId)) throw new CoreError('unknown_reference', `unknown lane ${bid.laneId}`, { path: `${path}.laneId` });
    const key = `${bid.carrierId}\u0000${bid.laneId}`;
    if (seen.has(key)) throw new CoreError('invalid_input', `two bids of ${bid.carrierId} on lane ${bid.laneId}`, { path });
    seen.add(key);
    for (const field of ['pricePerShipment', 'transitDays', 'onTimeRate', 'co2eKgPerShipment'] as const) {
      if (!Number.isFinite(bid[field])) throw new CoreError('not_finite', `${field} must be finite`, { path: `${path}.${field}` });
      if (bid[field] < 0) throw new CoreError('negative_value', `${field} must be ≥ 0`, { path: `${path}.${field}` });
    }
    if (bid.onTimeRate > 1) throw new CoreError('out_of_range', 'onTimeRate is a fraction 0–1', { path: `${path}.onTimeRate` });
  });
  const ratio = (best: number, value: number): number => (value <= 0 ? 1 : best / value);
  const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const exceptions: RankCarrierBidsResult['exceptions'] = [];
  const laneResults = input.lanes.map((lane) => {
    const bids = input.bids.filter((bid) => bid.laneId === lane.id);
    if (bids.length === 0) {
      exceptions.push({ laneId: lane.id, reason: 'no-bid' });
      return { laneId: lane.id, bids: [] as RankedBid[], winner: null };
    }
    const minPrice = Math.min(...bids.map((b) => b.pricePerShipment));
    const minTransit = Math.min(...bids.map((b) => b.transitDays));
    const minCo2 = Math.min(...bids.map((b) => b.co2eKgPerShipment));
    const maxOnTime = Math.max(...bids.map((b) => b.onTimeRate));
    const ranked = bids
      .map((bid) => {
        const scores = {
          cost: ratio(minPrice, bid.pricePerShipment),
          onTime: maxOnTime > 0 ? bid.onTimeRate / maxOnTime : 1,
          transit: ratio(minTransit, bid.transitDays),
          co2e: ratio(minCo2, bid.co2eKgPerShipment),
        };
        const score = (weights.cost * scores.cost + weights.onTime * scores.onTime + weights.transit * scores.transit + weights.co2e * scores.co2e) / weightSum;
        return { ...bid, rank: 0, score, scores };
      })
      .sort((a, b) => b.score - a.score || a.pricePerShipment - b.pricePerShipment || byId(a.carrierId, b.carrierId));
    ranked.forEach((bid, index) => { bid.rank = index + 1; });
    return { laneId: lane.id, bids: ranked, winner: ranked[0]!.carrierId };
  });
  const carrierIds = [...new Set(input.bids.map((bid) => bid.carrierId))].sort(byId);
  const carriers = carrierIds.map((carrierId) => {
    let weight = 0;
    let weighted = 0;
    let lanesBid = 0;
    let lanesWon = 0;
    let annualCostIfAwarded = 0;
    for (const lane of laneResults) {
      const bid = lane.bids.find((b) => b.carrierId === carrierId);
      if (bid === undefined) continue;
      const shipments = lanes.get(lane.laneId)!.shipmentsPerYear;
      lanesBid += 1;
      weight += shipments;
      weighted += shipments * bid.score;
      annualCostIfAwarded += shipments * bid.pricePerShipment;
      if (lane.winner === carrierId) lanesWon += 1;
    }
    return { carrierId, lanesBid, weightedScore: weight > 0 ? weighted / weight : 0, lanesWon, annualCostIfAwarded };
  }).sort((a, b) => b.weightedScore - a.weightedScore || byId(a.carrierId, b.carrierId));
  const annualCostOfWinners = laneResults.reduce((sum, lane) => {
    const winner = lane.bids[0];
    return winner === undefined ? sum : sum + winner.pricePerShipment * lanes.get(lane.laneId)!.shipmentsPerYear;
  }, 0);
  return { weights: { ...weights }, lanes: laneResults, carriers, annualCostOfWinners, exceptions };
}
