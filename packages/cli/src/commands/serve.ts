import { resolve } from 'node:path';
import { sql } from 'kysely';
import { ROLES, translate } from '@flowpilot/contract';
import { buildApp } from '@flowpilot/server';
import { createJobQueue, integrationWebhookUrlPolicyFromEnv, startWebhookDeliveryLoop, DEMO_AS_OF_DATE, DEMO_PASSWORD, demoUserEmail, ensureDemoUsers, runImport, runSetIntegrationIdentifiers, runPlanningCycle, formatImportIssue, type PlanningCycleResult } from '@flowpilot/services';
import type { DatabaseHandle } from '@flowpilot/db';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { openCliDatabase, organizationOf, todayIso } from '../open-cli-database';
import { ensureWebAppBuilt } from '../web-app-build';
import { createProgressBar } from '../progress';
import type { CommandRegistration } from './index';

const DEMO_DIR = resolve(import.meta.dirname, '../../../../examples/demo-company');

async function listen(context: CliContext, handle: DatabaseHandle, port: number, host: string, defaultLogLevel: string): Promise<void> {
  // Structured JSON log lines (pino) on stdout: request id, method, url, status, time; `silent` turns them off.
  const logLevel = context.env.FLOWPILOT_LOG_LEVEL ?? (context.env.FLOWPILOT_LOG === '1' ? 'info' : defaultLogLevel);
  // Jobs: pg-boss on PostgreSQL, in process on the embedded database. The server works jobs itself too
  // (one at a time; FLOWPILOT_SERVE_WORKER=0 leaves them to `flowpilot worker` processes), so jobs queued or
  // interrupted before a restart resume when it comes back.
  const jobs = createJobQueue(handle, { databaseUrl: context.env.DATABASE_URL });
  const worker = context.env.FLOWPILOT_SERVE_WORKER === '0' ? null : await jobs.startWorker({ concurrency: 1 });
  // Webhook deliveries (with their retries) go out in the background while the server runs.
  // Which webhook targets are allowed (private addresses, named hosts) comes from the environment or the config file.
  const webhookUrlPolicy = integrationWebhookUrlPolicyFromEnv(context.env);
  const webhooks = context.env.FLOWPILOT_SERVE_WORKER === '0' ? null : startWebhookDeliveryLoop(handle, { urlPolicy: webhookUrlPolicy, onError: (error) => context.stderr(`webhook delivery: ${error instanceof Error ? error.message : String(error)}\n`) });
  const app = await buildApp({
    handle, today: () => todayIso(context), jobs, webhookUrlPolicy,
    logger: logLevel === 'silent' ? false : { level: logLevel },
    secureCookies: context.env.FLOWPILOT_SECURE_COOKIES === '1',
    bodyLimitBytes: context.env.FLOWPILOT_BODY_LIMIT_BYTES ? Number(context.env.FLOWPILOT_BODY_LIMIT_BYTES) : undefined,
  });
  await app.listen({ port, host });
  context.stdout(translate(context.language, 'cli.serve.listening', { url: `http://localhost:${port}`, docs: `http://localhost:${port}/api/docs` }) + '\n');
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      context.stdout(translate(context.language, 'cli.serve.stopping') + '\n');
      void app.close().then(() => webhooks?.stop()).then(() => worker?.stop({ graceful: true })).then(() => jobs.close()).then(() => handle.close()).then(() => resolveStop());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function portOf(context: CliContext, option: string | undefined): number {
  const port = Number(option ?? context.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(EXIT_CODES.usage, translate(context.language, 'error.usage', { detail: `--port must be 0-65535, got ${option}` }));
  return port;
}

const DEMO_GS1_IDENTIFIERS = [
  { kind: 'organization_gln', code: '', value: '3765432100007' },
  { kind: 'gs1_company_prefix', code: '', value: '3765432' },
] as const;

function printCycleSummary(context: CliContext, result: PlanningCycleResult): void {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  for (const step of result.steps) {
    const s = step.summary as Record<string, unknown>;
    const line = step.step === 'data_quality' ? t('cli.start.step.data_quality', s)
      : step.step === 'forecast' ? t('cli.start.step.forecast', { ...s, methods: Object.entries(s.methods as Record<string, number>).map(([m, n]) => `${m} ${n}`).join(', ') })
        : step.step === 'inventory_policy' ? t('cli.start.step.inventory_policy', s)
        : step.step === 'sop' ? t('cli.start.step.sop', s)
        : step.step === 'mps' ? t('cli.start.step.mps', s)
        : step.step === 'mrp' ? t('cli.start.step.mrp', s)
          : step.step === 'proposals' ? t('cli.start.step.proposals', s)
          : t('cli.start.step.capacity', { ...s, peak: Math.round(Number(s.peakUtilization) * 100) });
    context.stdout(`  ${line} (${step.durationMs} ms, ${step.runId})\n`);
    const transfers = step.step === 'mrp' ? Number(s.transferOrderCount ?? 0) : 0;
    if (transfers > 0) context.stdout(`  ${t('cli.start.step.drp', { transferOrderCount: transfers })}\n`);
  }
}

/** `flowpilot serve` (API on a port) and `flowpilot start` (demo data + planning cycle + serve). */
export const registerServeCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);

  program.command('serve').description(t('cli.serve.description'))
    .option('--port <port>', t('cli.serve.option.port'))
    .option('--host <host>', t('cli.serve.option.host'), '127.0.0.1')
    .action(async (options: { port?: string; host: string }) => {
      const handle = await openCliDatabase(context);
      ensureWebAppBuilt(context);
      await listen(context, handle, portOf(context, options.port), options.host, 'info');
    });

  program.command('start').description(t('cli.start.description'))
    .option('--port <port>', t('cli.serve.option.port'))
    .option('--host <host>', t('cli.serve.option.host'), '127.0.0.1')
    .option('--no-serve', t('cli.start.option.no_serve'))
    .option('--replan', t('cli.start.option.replan'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { port?: string; host: string; serve: boolean; replan?: boolean; json?: boolean }) => {
      const organizationId = organizationOf(context, undefined);
      const port = portOf(context, options.port);
      const handle = await openCliDatabase(context);
      let keepOpen = false;
      try {
        context.stdout(t('cli.start.database', { target: handle.target }) + '\n');
        const itemCount = Number((await sql<{ n: string }>`select count(*) as n from item where organization_id = ${organizationId}`.execute(handle.db)).rows[0]?.n ?? 0);
        const asOfDate = context.env.FLOWPILOT_AS_OF ?? DEMO_AS_OF_DATE;
        let loaded = false;
        if (itemCount === 0) {
          const progress = createProgressBar(context, { silent: options.json === true });
          const report = await runImport(handle, { organizationId, path: DEMO_DIR, today: asOfDate, onProgress: ({ entity, rowsWritten, rowsTotal }) => progress.update(rowsWritten, rowsTotal, entity) });
          progress.stop();
          if (!report.written) throw new CliError(EXIT_CODES.invalidInput, report.issues.slice(0, 20).map((i) => formatImportIssue(i, context.language)).join('\n'));
          context.stdout(t('cli.start.demo_loaded', { rows: report.entities.reduce((sum, e) => sum + e.rows, 0), entities: report.entities.length, warnings: report.warningCount }) + '\n');
          // The demo company's GS1 identity (the fictitious GLN and company prefix of examples/edi), so SSCC labels,
          // shipments and EDI messages work out of the box.
          const identity = await runSetIntegrationIdentifiers(handle, { organizationId, rows: DEMO_GS1_IDENTIFIERS });
          if (!identity.written) throw new CliError(EXIT_CODES.other, `demo GS1 identifiers refused: ${JSON.stringify(identity.issues)}`);
          loaded = true;
        }
        const existingRuns = Number((await sql<{ n: string }>`select count(*) as n from planning_run where organization_id = ${organizationId} and run_type = 'mrp' and status = 'succeeded'`.execute(handle.db)).rows[0]?.n ?? 0);
        const demoUsers = await ensureDemoUsers(handle, organizationId);
        if (demoUsers.length > 0 || !options.json) context.stdout(t('cli.start.demo_users', { emails: ROLES.map((role) => demoUserEmail(role)).join(', '), password: DEMO_PASSWORD }) + '\n');
        if (loaded || options.replan || existingRuns === 0) {
          context.stdout(t('cli.start.planning', { asOf: asOfDate }) + '\n');
          const progress = createProgressBar(context, { silent: options.json === true });
          const result = await runPlanningCycle(handle, {
            organizationId, asOfDate,
            onStep: (event) => { if (event.state === 'progress' && event.done !== undefined && event.total !== undefined) progress.update(event.done, event.total, event.step); },
          });
          progress.stop();
          if (options.json) printJson(context, result);
          else printCycleSummary(context, result);
        } else {
          context.stdout(t('cli.start.already_planned') + '\n');
        }
        if (options.serve) {
          keepOpen = true;
          ensureWebAppBuilt(context);
          await listen(context, handle, port, options.host, 'warn');
        }
      } finally {
        if (!keepOpen) await handle.close();
      }
    });
};
