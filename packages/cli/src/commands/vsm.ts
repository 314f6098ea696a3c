import { writeFileSync } from 'node:fs';
import { computeValueStreamMap, toValueStreamMapSvg, type ValueStreamMapInput, type VsmSvgLabels } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';
import { readJsonObjectFileWith } from '../read-json-object-file';

/** Reads a JSON object file for the KPI and lean commands: exit 4 when missing, 3 when not a JSON object. */
export function readKpiJsonFile(path: string, context: CliContext): Record<string, unknown> {
  return readJsonObjectFileWith(path, context, { notJson: 'kpi.error.inputNotJson', notObject: 'kpi.error.inputShape' });
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function svgLabels(context: CliContext): VsmSvgLabels {
  const t = (key: string) => translate(context.language, `vsm.svg.${key}`);
  return {
    takt: t('takt'),
    dailyDemand: t('dailyDemand'),
    cycleTime: t('cycleTime'),
    changeover: t('changeover'),
    uptime: t('uptime'),
    operators: t('operators'),
    shifts: t('shifts'),
    leadTime: t('leadTime'),
    processingTime: t('processingTime'),
    processCycleEfficiency: t('pce'),
    days: t('days'),
    finishedGoods: t('finishedGoods'),
  };
}

/** `flowpilot vsm --input <file.json> [--svg <out.svg>] [--json]`. */
export const registerVsmCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('vsm')
    .description(t('vsm.description'))
    .requiredOption('-i, --input <file>', t('vsm.option.input'))
    .option('--svg <file>', t('vsm.option.svg'))
    .option('--json', t('cli.option.json'))
    .action((options: { input: string; svg?: string; json?: boolean }) => {
      const file = readKpiJsonFile(options.input, context);
      // The core validates every field and throws CoreError (exit 3) with the bad field's path.
      const result = computeValueStreamMap(file as unknown as ValueStreamMapInput);
      if (options.svg) writeFileSync(options.svg, toValueStreamMapSvg(result, svgLabels(context)));
      if (options.json) {
        printJson(context, options.svg ? { ...result, svgPath: options.svg } : result);
        return;
      }
      const out = (line: string) => context.stdout(line + '\n');
      out(
        t('vsm.summary', {
          name: result.name,
          takt: round(result.taktTimeSeconds, 2),
          leadTime: round(result.leadTimeDays, 1),
          processing: round(result.valueAddedTimeSeconds, 1),
          pce: round(result.processCycleEfficiency * 100, 4),
        }),
      );
      for (const segment of result.timeline) {
        if (segment.kind === 'inventory') {
          out(t('vsm.inventory', { id: segment.id, days: round(segment.days, 1) }));
          continue;
        }
        const step = result.steps.find((candidate) => candidate.id === segment.id)!;
        out(
          t('vsm.step', {
            name: step.name,
            cycle: round(step.cycleTimeSeconds, 1),
            changeover: round(step.changeoverSeconds / 60, 1),
            uptime: round(step.uptime * 100, 1),
            cycleToTakt: round(step.cycleTimeToTaktRatio * 100, 1),
          }),
        );
      }
      for (const exception of result.exceptions) {
        const step = result.steps.find((candidate) => candidate.id === exception.stepId)!;
        out(t('vsm.overTakt', { step: step.name, cycle: round(exception.cycleTimeSeconds, 1), takt: round(exception.taktTimeSeconds, 1) }));
      }
      if (options.svg) out(t('vsm.svgWritten', { path: options.svg }));
    });
};
