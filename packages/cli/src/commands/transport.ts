import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  CoreError,
  compareTransportModes,
  computeTransportEmissions,
  parseTariffCsv,
  parseTariffJson,
  rankCarrierBids,
  rateShipment,
  type CarrierBid,
  type EmissionFactor,
  type EmissionLegResult,
  type Shipment,
  type Tariff,
  type TenderLane,
  type TenderWeights,
  type TransportAlternative,
} from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';

function readText(path: string, context: CliContext): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new CliError(EXIT_CODES.notFound, translate(context.language, 'error.file_not_found', { path }), { cause: error });
    throw error;
  }
}

/** Reads a JSON object file for the transport, pick-route commands: exit 4 when missing, 3 when not a JSON object. */
export function readTransportJsonFile(path: string, context: CliContext): Record<string, unknown> {
  return readTransportJson(path, context).value;
}

function readTransportJson(path: string, context: CliContext): { value: Record<string, unknown>; text: string } {
  const text = readText(path, context);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'transport.error.notJson', { path, detail: (error as Error).message }), { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'transport.error.shape', { path, detail: 'expected a JSON object' }));
  }
  return { value: value as Record<string, unknown>, text };
}

function shapeError(context: CliContext, path: string, detail: string): CliError {
  return new CliError(EXIT_CODES.invalidInput, translate(context.language, 'transport.error.shape', { path, detail }));
}

/** Tariffs given inline (`tariffs`) and in files (`tariffFiles`, CSV grid or JSON, relative to the input file). */
function loadTariffs(input: Record<string, unknown>, inputPath: string, context: CliContext, inputText: string): Tariff[] {
  const tariffs: Tariff[] = [];
  if (input.tariffs !== undefined) {
    if (!Array.isArray(input.tariffs)) throw shapeError(context, inputPath, 'tariffs must be an array');
    // Parsing the input file's own text keeps the line numbers of errors true to that file.
    if (input.tariffs.length > 0) {
      try {
        tariffs.push(...parseTariffJson(inputText));
      } catch (error) {
        if (error instanceof CoreError) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'transport.error.tariffFile', { path: inputPath, detail: error.message }), { cause: error });
        throw error;
      }
    }
  }
  if (input.tariffFiles !== undefined) {
    if (!Array.isArray(input.tariffFiles)) throw shapeError(context, inputPath, 'tariffFiles must be an array of paths');
    for (const file of input.tariffFiles) {
      const path = resolve(dirname(inputPath), String(file));
      const text = readText(path, context);
      try {
        if (path.toLowerCase().endsWith('.csv')) tariffs.push(parseTariffCsv(text));
        else tariffs.push(...parseTariffJson(text));
      } catch (error) {
        if (error instanceof CoreError) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'transport.error.tariffFile', { path: String(file), detail: error.message }), { cause: error });
        throw error;
      }
    }
  }
  if (tariffs.length === 0) throw shapeError(context, inputPath, 'give tariffs or tariffFiles');
  return tariffs;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

function runRate(input: Record<string, unknown>, inputPath: string, context: CliContext, json: boolean, inputText: string): void {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  const tariffs = loadTariffs(input, inputPath, context, inputText);
  const shipments = (Array.isArray(input.shipments) ? input.shipments : input.shipment !== undefined ? [input.shipment] : undefined) as Shipment[] | undefined;
  if (shipments === undefined || shipments.length === 0) throw shapeError(context, inputPath, 'give shipment or shipments');
  const factors = input.emissionFactors as EmissionFactor[] | undefined;
  const results = shipments.map((shipment, index) => {
    const quotes: (ReturnType<typeof rateShipment> & { co2eKg: number | null; emissionFactor: EmissionLegResult['factor'] | null })[] = [];
    const unavailable: { carrierId: string; mode: string; reason: string }[] = [];
    for (const tariff of tariffs) {
      try {
        const rate = rateShipment(tariff, shipment);
        const leg = shipment.distanceKm === undefined ? null : computeTransportEmissions([{ mode: tariff.mode, massTonnes: shipment.weightKg / 1000, distanceKm: shipment.distanceKm }], factors).legs[0]!;
        quotes.push({ ...rate, co2eKg: leg === null ? null : leg.co2eKg, emissionFactor: leg === null ? null : leg.factor });
      } catch (error) {
        // With one tariff a refusal is the answer; with several it only removes that carrier.
        if (!(error instanceof CoreError) || tariffs.length === 1 || (error.path ?? '').startsWith('shipment.weightKg')) throw error;
        unavailable.push({ carrierId: tariff.carrierId, mode: tariff.mode, reason: error.message });
      }
    }
    quotes.sort((a, b) => a.totalCharge - b.totalCharge || (a.carrierId < b.carrierId ? -1 : a.carrierId > b.carrierId ? 1 : 0));
    return { shipment: shipment.id ?? String(index + 1), quotes, unavailable };
  });
  if (json) {
    printJson(context, { shipments: results });
    return;
  }
  for (const result of results) {
    context.stdout(t('transport.rate.header', { shipment: result.shipment, count: result.quotes.length }) + '\n');
    for (const quote of result.quotes) {
      context.stdout(t('transport.rate.quote', {
        carrier: quote.carrierId, mode: quote.mode, total: round2(quote.totalCharge), currency: quote.currency, base: round2(quote.baseCharge),
        fuel: round2(quote.fuelSurcharge), options: round2(quote.optionCharges.reduce((s, o) => s + o.amount, 0)), transit: quote.transitDays ?? '-', co2e: quote.co2eKg === null ? '-' : round2(quote.co2eKg),
      }) + '\n');
    }
    for (const entry of result.unavailable) context.stdout(t('transport.rate.unavailable', { carrier: entry.carrierId, reason: entry.reason }) + '\n');
    printFactorSources(context, result.quotes.map((quote) => quote.emissionFactor));
  }
}

/** One line per emission factor behind the CO2e figures printed: its source and version are never hidden. */
function printFactorSources(context: CliContext, factors: readonly (EmissionLegResult['factor'] | null)[]): void {
  const seen = new Set<string>();
  for (const factor of factors) {
    if (factor === null || seen.has(factor.id)) continue;
    seen.add(factor.id);
    const key = factor.verified ? 'transport.co2.factor' : 'transport.co2.factorUnverified';
    context.stdout(translate(context.language, key, { id: factor.id, source: factor.source, version: factor.version }) + '\n');
  }
}

function runCompare(input: Record<string, unknown>, inputPath: string, context: CliContext, json: boolean, inputText: string): void {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  const tariffs = loadTariffs(input, inputPath, context, inputText);
  if (typeof input.shipment !== 'object' || input.shipment === null) throw shapeError(context, inputPath, 'give shipment');
  if (!Array.isArray(input.alternatives)) throw shapeError(context, inputPath, 'alternatives must be an array');
  const alternatives: TransportAlternative[] = (input.alternatives as { id: string; transferDays?: number; legs: ({ carrierId: string; mode?: string } & Omit<TransportAlternative['legs'][number], 'tariff'>)[] }[]).map((alternative) => ({
    id: alternative.id,
    ...(alternative.transferDays === undefined ? {} : { transferDays: alternative.transferDays }),
    legs: (alternative.legs ?? []).map(({ carrierId, mode, ...leg }) => {
      const tariff = tariffs.find((candidate) => candidate.carrierId === carrierId && (mode === undefined || candidate.mode === mode));
      if (tariff === undefined) throw new CliError(EXIT_CODES.invalidInput, t('transport.error.unknownCarrier', { carrier: carrierId, alternative: alternative.id }));
      return { ...leg, tariff };
    }),
  }));
  const result = compareTransportModes(input.shipment as Shipment, alternatives, input.emissionFactors as EmissionFactor[] | undefined);
  if (json) {
    printJson(context, result);
    return;
  }
  result.alternatives.forEach((alternative, index) => {
    const flags = [
      alternative.cheapest ? t('transport.compare.flag.cheapest') : '',
      alternative.fastest ? t('transport.compare.flag.fastest') : '',
      alternative.lowestCo2e ? t('transport.compare.flag.lowestCo2e') : '',
      alternative.paretoEfficient ? t('transport.compare.flag.pareto') : '',
    ].filter((flag) => flag !== '');
    context.stdout(t('transport.compare.row', {
      rank: index + 1, id: alternative.id, mode: alternative.mode, cost: round2(alternative.cost), currency: alternative.currency,
      transit: alternative.transitDays, co2e: round2(alternative.co2eKg), flags: flags.length > 0 ? ` — ${flags.join(', ')}` : '',
    }) + '\n');
  });
  printFactorSources(context, result.alternatives.flatMap((alternative) => alternative.legs.map((leg) => leg.emissionFactor)));
}

function runTender(input: Record<string, unknown>, inputPath: string, context: CliContext, json: boolean): void {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  if (!Array.isArray(input.lanes) || !Array.isArray(input.bids) || typeof input.weights !== 'object' || input.weights === null) {
    throw shapeError(context, inputPath, 'give lanes, bids and weights');
  }
  const result = rankCarrierBids({ lanes: input.lanes as TenderLane[], bids: input.bids as CarrierBid[], weights: input.weights as TenderWeights });
  if (json) {
    printJson(context, result);
    return;
  }
  const r3 = (value: number): number => Math.round(value * 1000) / 1000;
  context.stdout(t('transport.tender.weights', result.weights) + '\n');
  for (const lane of result.lanes) {
    if (lane.winner === null) {
      context.stdout(t('transport.tender.noBid', { lane: lane.laneId }) + '\n');
      continue;
    }
    context.stdout(t('transport.tender.lane', { lane: lane.laneId, winner: lane.winner }) + '\n');
    for (const bid of lane.bids) {
      context.stdout(t('transport.tender.bid', { rank: bid.rank, carrier: bid.carrierId, score: r3(bid.score), cost: r3(bid.scores.cost), onTime: r3(bid.scores.onTime), transit: r3(bid.scores.transit), co2e: r3(bid.scores.co2e) }) + '\n');
    }
  }
  context.stdout(t('transport.tender.total', { cost: round2(result.annualCostOfWinners) }) + '\n');
}

/** `flowpilot transport rate|compare|tender --input <file.json> [--json]`. */
export const registerTransportCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  const transport = program.command('transport').description(t('transport.description'));
  const subcommands = [
    ['rate', runRate],
    ['compare', runCompare],
    ['tender', runTender],
  ] as const;
  for (const [name, run] of subcommands) {
    transport
      .command(name)
      .description(t(`transport.${name}.description`))
      .requiredOption('-i, --input <file>', t('transport.option.input'))
      .option('--json', t('cli.option.json'))
      .action((options: { input: string; json?: boolean }) => {
        const { value, text } = readTransportJson(options.input, context);
        run(value, options.input, context, options.json === true, text);
      });
  }
};
