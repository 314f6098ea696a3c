import { translate } from '@flowpilot/contract';
import type { DatabaseHandle } from '@flowpilot/db';
import { countOpenJobPartitions, createJobQueue, JOB_KINDS, JobError, type JobDetail, type JobKind, type JobQueue, type JobRecord, type JobStatus, type JobWorkerEvent } from '@flowpilot/services';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { openCliDatabase, organizationOf, todayIso } from '../open-cli-database';
import { createProgressBar } from '../progress';
import type { CommandRegistration } from './index';

const STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const FINISHED: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/** Opens the database and its job queue (pg-boss on PostgreSQL, in process on the embedded database) and always closes both. */
async function withJobQueue<T>(context: CliContext, work: (queue: JobQueue, handle: DatabaseHandle) => Promise<T>, options: { heartbeatSeconds?: number; staleAfterSeconds?: number } = {}): Promise<T> {
  const handle = await openCliDatabase(context);
  try {
    const queue = createJobQueue(handle, { databaseUrl: context.env.DATABASE_URL, autoStart: false, ...options });
    try {
      return await work(queue, handle);
    } finally {
      await queue.close();
    }
  } catch (error) {
    throw toCliError(context, error);
  } finally {
    await handle.close();
  }
}

function toCliError(context: CliContext, error: unknown): unknown {
  if (!(error instanceof JobError)) return error;
  const exitCode = error.code === 'job_not_found' ? EXIT_CODES.notFound
    : error.code === 'invalid_params' ? EXIT_CODES.invalidInput
      : error.code === 'unknown_kind' || error.code === 'backend_unavailable' ? EXIT_CODES.usage : EXIT_CODES.other;
  return new CliError(exitCode, translate(context.language, error.messageKey, error.params), { cause: error });
}

function positiveInteger(context: CliContext, option: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(EXIT_CODES.usage, translate(context.language, 'error.usage', { detail: `${option} must be a whole number from 1 to ${max}, got ${value}` }));
  return n;
}

function positiveSeconds(context: CliContext, option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(EXIT_CODES.usage, translate(context.language, 'error.usage', { detail: `${option} must be a positive number of seconds, got ${value}` }));
  return n;
}

function kindsOf(context: CliContext, value: string | undefined): JobKind[] | undefined {
  if (value === undefined) return undefined;
  const kinds = value.split(',').map((k) => k.trim()).filter((k) => k.length > 0);
  for (const kind of kinds) {
    if (!(JOB_KINDS as readonly string[]).includes(kind)) throw new CliError(EXIT_CODES.usage, translate(context.language, 'jobs.error.unknown_kind', { kind, kinds: JOB_KINDS.join(', ') }));
  }
  return kinds as JobKind[];
}

function kindOf(context: CliContext, value: string): JobKind {
  return (kindsOf(context, value) ?? [])[0] as JobKind;
}

function paramsOf(context: CliContext, value: string | undefined): Record<string, unknown> {
  if (value === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'jobs.cli.params_not_json', { detail: error instanceof Error ? error.message : String(error) }));
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'jobs.cli.params_not_json', { detail: 'expected a JSON object {…}' }));
  return parsed as Record<string, unknown>;
}

function statusText(context: CliContext, status: JobStatus): string {
  return translate(context.language, `jobs.status.${status}`);
}

function jobLine(context: CliContext, job: JobRecord): string {
  return `${job.id}  ${job.kind.padEnd(14)} ${statusText(context, job.status).padEnd(10)} ${job.progress.done}/${job.progress.total}  ${translate(context.language, 'jobs.cli.partitions', { done: job.partitions.done, total: job.partitions.total })}  ${job.createdAt}\n`;
}

function printDetail(context: CliContext, job: JobDetail): void {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  context.stdout(`${job.id} (${job.kind}) ${statusText(context, job.status)}${job.cancelRequested && !FINISHED.includes(job.status) ? ` — ${t('jobs.cli.cancel_requested')}` : ''}\n`);
  context.stdout(`  ${t('jobs.cli.progress', { done: job.progress.done, total: job.progress.total })}, ${t('jobs.cli.partitions', { done: job.partitions.done, total: job.partitions.total })}\n`);
  context.stdout(`  params: ${JSON.stringify(job.params).slice(0, 300)}\n`);
  if (job.error) context.stdout(`  ${t('jobs.cli.error', { error: job.error })}\n`);
  if (job.result) context.stdout(`  ${t('jobs.cli.result')}: ${JSON.stringify(job.result).slice(0, 500)}\n`);
  for (const log of job.logs) context.stdout(`  ${log.loggedAt} ${log.level.padEnd(5)} ${t(log.messageKey, log.params)}\n`);
}

/** `flowpilot worker` (a long-running process taking partitions of jobs) and `flowpilot jobs …`. */
export const registerWorkerCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);

  program.command('worker').description(t('jobs.cli.worker.description'))
    .option('--concurrency <n>', t('jobs.cli.option.concurrency'), '1')
    .option('--kinds <list>', t('jobs.cli.option.kinds'))
    .option('--heartbeat-seconds <s>', t('jobs.cli.option.heartbeat'))
    .option('--stale-after-seconds <s>', t('jobs.cli.option.stale'))
    .option('--exit-when-idle <s>', t('jobs.cli.option.exit_when_idle'))
    .option('--json', t('jobs.cli.option.json_lines'))
    .action(async (options: { concurrency: string; kinds?: string; heartbeatSeconds?: string; staleAfterSeconds?: string; exitWhenIdle?: string }) => {
      const concurrency = positiveInteger(context, '--concurrency', options.concurrency, 64);
      const kinds = kindsOf(context, options.kinds);
      const idleSeconds = positiveSeconds(context, '--exit-when-idle', options.exitWhenIdle);
      const heartbeatSeconds = positiveSeconds(context, '--heartbeat-seconds', options.heartbeatSeconds);
      const staleAfterSeconds = positiveSeconds(context, '--stale-after-seconds', options.staleAfterSeconds);
      // Structured log lines: one JSON object per line on stdout, for log collectors.
      const log = (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>): void => context.stdout(JSON.stringify({ time: new Date().toISOString(), level, ...fields }) + '\n');
      await withJobQueue(context, async (queue, handle) => {
        if (handle.kind === 'pglite') {
          context.stderr(t('jobs.cli.worker.embedded') + '\n');
          log('warn', { event: 'embedded_database', message: t('jobs.cli.worker.embedded') });
        }
        let lastActivity = Date.now();
        const onEvent = (event: JobWorkerEvent): void => {
          lastActivity = Date.now();
          log(event.event === 'partition_failed' ? 'error' : event.event === 'partition_lost' || event.event === 'partition_requeued' ? 'warn' : 'info', { ...event, backend: queue.backend });
        };
        const worker = await queue.startWorker({ concurrency, onEvent, ...(kinds ? { kinds } : {}) });
        await new Promise<void>((resolveStop) => {
          let stopping = false;
          const stop = (signal: string): void => {
            if (stopping) return;
            stopping = true;
            log('info', { event: 'worker_stopping', workerId: worker.workerId, signal });
            process.off('SIGTERM', onTerm);
            process.off('SIGINT', onInt);
            clearInterval(idleTimer);
            // SIGTERM: finish the partitions in hand (graceful); a second signal or SIGKILL leaves them to be re-queued.
            worker.stop({ graceful: true }).then(() => resolveStop(), () => resolveStop());
          };
          const onTerm = (): void => stop('SIGTERM');
          const onInt = (): void => stop('SIGINT');
          process.on('SIGTERM', onTerm);
          process.on('SIGINT', onInt);
          const idleTimer = setInterval(() => {
            if (idleSeconds === undefined) return;
            void countOpenJobPartitions(handle, kinds).then((open) => {
              const idle = open === 0;
              if (!idle) lastActivity = Date.now();
              else if (Date.now() - lastActivity > idleSeconds * 1000) stop('idle');
            }).catch(() => {});
          }, 250);
        });
      }, { ...(heartbeatSeconds ? { heartbeatSeconds } : {}), ...(staleAfterSeconds ? { staleAfterSeconds } : {}) });
    });

  const jobs = program.command('jobs').description(t('jobs.cli.description')).enablePositionalOptions();

  jobs.command('list').description(t('jobs.cli.list.description'))
    .option('--status <status>', t('jobs.cli.option.status'))
    .option('--kind <kind>', t('jobs.cli.option.kind'))
    .option('--page <n>', t('jobs.cli.option.page'), '1')
    .option('--page-size <n>', t('jobs.cli.option.page_size'), '20')
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { status?: string; kind?: string; page: string; pageSize: string; org?: string; json?: boolean }) => {
      if (options.status !== undefined && !(STATUSES as readonly string[]).includes(options.status)) throw new CliError(EXIT_CODES.usage, t('error.usage', { detail: `--status must be one of ${STATUSES.join(', ')}` }));
      const query = { page: positiveInteger(context, '--page', options.page, 1_000_000), pageSize: positiveInteger(context, '--page-size', options.pageSize, 500), ...(options.status ? { status: options.status as JobStatus } : {}), ...(options.kind ? { kind: kindOf(context, options.kind) } : {}) };
      const page = await withJobQueue(context, (queue) => queue.list(organizationOf(context, options.org), query));
      if (options.json) return printJson(context, page);
      if (page.items.length === 0) return context.stdout(t('jobs.cli.none') + '\n');
      for (const job of page.items) context.stdout(jobLine(context, job));
      context.stdout(t('jobs.cli.page', { page: page.page, shown: page.items.length, total: page.total }) + '\n');
    });

  jobs.command('show').description(t('jobs.cli.show.description')).argument('<id>', t('jobs.cli.argument.id'))
    .option('--follow', t('jobs.cli.option.follow'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (id: string, options: { follow?: boolean; org?: string; json?: boolean }) => {
      const organizationId = organizationOf(context, options.org);
      const detail = await withJobQueue(context, async (queue) => {
        if (options.follow) await follow(context, queue, organizationId, id, options.json === true);
        return queue.get(organizationId, id);
      });
      if (!detail) throw new CliError(EXIT_CODES.notFound, t('jobs.error.not_found', { id }));
      if (options.json) return printJson(context, detail);
      printDetail(context, detail);
    });

  jobs.command('enqueue').description(t('jobs.cli.enqueue.description')).argument('<kind>', t('jobs.cli.argument.kind', { kinds: JOB_KINDS.join(', ') }))
    .option('--params <json>', t('jobs.cli.option.params'))
    .option('--wait', t('jobs.cli.option.wait'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (kindText: string, options: { params?: string; wait?: boolean; org?: string; json?: boolean }) => {
      const kind = kindOf(context, kindText);
      const params = paramsOf(context, options.params);
      const organizationId = organizationOf(context, options.org);
      const job = await withJobQueue(context, async (queue) => {
        const created = await queue.enqueue({ organizationId, kind, params, today: todayIso(context), createdBy: context.env.USER ? `cli:${context.env.USER}` : 'cli' });
        if (!options.wait) return created;
        return follow(context, queue, organizationId, created.id, options.json === true);
      });
      if (options.json) return printJson(context, job);
      context.stdout(t('jobs.cli.enqueued', { id: job.id, kind: job.kind, partitions: job.partitions.total }) + '\n');
      if (options.wait) context.stdout(jobLine(context, job));
      if (job.status === 'failed') throw new CliError(EXIT_CODES.other, t('jobs.cli.error', { error: job.error ?? '-' }));
    });

  for (const action of ['cancel', 'retry'] as const) {
    jobs.command(action).description(t(`jobs.cli.${action}.description`)).argument('<id>', t('jobs.cli.argument.id'))
      .option('--org <organization>', t('cli.option.org'))
      .option('--json', t('cli.option.json'))
      .action(async (id: string, options: { org?: string; json?: boolean }) => {
        const organizationId = organizationOf(context, options.org);
        const job = await withJobQueue(context, (queue) => (action === 'cancel' ? queue.cancel(organizationId, id) : queue.retry(organizationId, id)));
        if (options.json) return printJson(context, job);
        context.stdout(jobLine(context, job));
      });
  }
};

/**
 * Waits for a job with a progress bar. On the embedded database nothing else can run it, so this process
 * works on it meanwhile; on PostgreSQL the workers do.
 */
async function follow(context: CliContext, queue: JobQueue, organizationId: string, jobId: string, silent: boolean): Promise<JobRecord> {
  const bar = createProgressBar(context, { silent });
  const worker = queue.backend === 'in_process' ? await queue.startWorker() : null;
  if (!worker && !silent) context.stderr(translate(context.language, 'jobs.cli.waiting_for_workers') + '\n');
  try {
    return await queue.waitFor(organizationId, jobId, { pollMs: 250, onProgress: (job) => bar.update(job.progress.done, Math.max(job.progress.total, job.progress.done), job.status) });
  } finally {
    bar.stop();
    await worker?.stop({ graceful: true });
  }
}
