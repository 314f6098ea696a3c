import { buildSscc, encodeGs1ElementString } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';

function wholeNumber(raw: string, option: string, min: number, context: CliContext): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
    throw new CliError(EXIT_CODES.usage, translate(context.language, 'sscc.error.number', { option, min, value: raw }));
  }
  return Number(raw);
}

/** `flowpilot sscc --company-prefix <p> --serial <n> [--extension <d>] [--count <n>] [--json]`. */
export const registerSsccCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('sscc')
    .description(t('sscc.description'))
    .requiredOption('-p, --company-prefix <prefix>', t('sscc.option.companyPrefix'))
    .requiredOption('-s, --serial <n>', t('sscc.option.serial'))
    .option('-e, --extension <digit>', t('sscc.option.extension'), '0')
    .option('-n, --count <n>', t('sscc.option.count'), '1')
    .option('--json', t('cli.option.json'))
    .action((options: { companyPrefix: string; serial: string; extension: string; count: string; json?: boolean }) => {
      const serial = wholeNumber(options.serial, '--serial', 0, context);
      const extensionDigit = wholeNumber(options.extension, '--extension', 0, context);
      const count = wholeNumber(options.count, '--count', 1, context);
      // Core refuses a bad prefix, extension or a serial that does not fit (exit 3).
      const codes = Array.from({ length: count }, (_, index) => {
        const built = buildSscc({ extensionDigit, companyPrefix: options.companyPrefix, serialReference: serial + index });
        return { ...built, elementString: encodeGs1ElementString([{ ai: '00', value: built.sscc }]).elementString };
      });
      if (options.json) {
        printJson(context, count === 1 ? codes[0] : { codes });
        return;
      }
      for (const code of codes) context.stdout(t('sscc.line', { sscc: code.sscc, humanReadable: code.humanReadable }) + '\n');
    });
};
