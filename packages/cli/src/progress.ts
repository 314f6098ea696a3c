import cliProgress from 'cli-progress';
import type { CliContext } from './cli-context';

/** A progress bar on stderr: drawn in place on a terminal, printed as lines in CI logs. Silent with --json. */
export type ProgressBar = { update(done: number, total: number, label?: string): void; stop(): void };

export function createProgressBar(context: CliContext, options: { silent?: boolean } = {}): ProgressBar {
  if (options.silent) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: '{bar} {percentage}% | {value}/{total} {label}',
      stream: { write: (text: string) => { context.stderr(text); return true; } } as unknown as NodeJS.WritableStream,
      noTTYOutput: !context.interactive,
      notTTYSchedule: 2000,
      hideCursor: context.interactive,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label = '') {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { label });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
