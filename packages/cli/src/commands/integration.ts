import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { translate } from '@flowpilot/contract';
import {
  integrationWebhookUrlPolicyFromEnv,
  INTEGRATION_OUTBOUND_TYPES, IntegrationNotFoundError, IntegrationWebhookInputError, addIntegrationWebhook, deleteIntegrationWebhook, formatImportIssue,
  formatIntegrationEdiIssue, formatIntegrationMappingIssue, integrationDecodeEdiBytes, listIntegrationInterchanges, listIntegrationMappingProfiles,
  listIntegrationWebhookDeliveries, listIntegrationWebhooks, readIntegrationIdentifiersCsv, runDeliverIntegrationWebhooks, runIntegrationErpExport,
  runIntegrationMappingImport, runReceiveEdiInterchange, runSendEdiMessage, runSetIntegrationIdentifiers, saveIntegrationMappingProfile,
  type IntegrationMappingDefinition, type IntegrationOutboundType,
} from '@flowpilot/services';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { organizationOf, todayIso, withDatabase } from '../open-cli-database';
import type { CommandRegistration } from './index';

/** The CLI's clock: FLOWPILOT_NOW (ISO timestamp) for reproducible runs, else the system clock. */
function nowOf(context: CliContext): Date {
  const fixed = context.env.FLOWPILOT_NOW ?? (context.env.FLOWPILOT_TODAY ? `${context.env.FLOWPILOT_TODAY}T12:00:00Z` : undefined);
  return fixed ? new Date(fixed) : new Date();
}

function requireFile(context: CliContext, path: string): void {
  if (!existsSync(path)) throw new CliError(EXIT_CODES.notFound, translate(context.language, 'error.file_not_found', { path }));
}

/** `flowpilot edi receive|send|list|ids`, `flowpilot map save|list|apply`, `flowpilot webhook add|list|remove|deliver`, `flowpilot erp-export`. */
export const registerIntegrationCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  const edi = program.command('edi').description(t('cli.edi.description'));

  edi.command('receive').description(t('cli.edi.receive.description'))
    .argument('<file>', t('cli.edi.receive.argument'))
    .option('--contrl <file>', t('cli.edi.option.contrl'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (file: string, options: { contrl?: string; org?: string; json?: boolean }) => {
      requireFile(context, file);
      const text = integrationDecodeEdiBytes(readFileSync(file));
      const result = await withDatabase(context, (handle) => runReceiveEdiInterchange(handle, { organizationId: organizationOf(context, options.org), text, fileName: file, receivedBy: 'cli', now: nowOf(context) }));
      if (options.contrl) writeFileSync(options.contrl, result.acknowledgement);
      if (options.json) printJson(context, { ...result, issues: result.issues.map((issue) => ({ ...issue, message: formatIntegrationEdiIssue(issue, context.language) })) });
      else {
        const params = { reference: result.controlReference, sender: result.sender.id, messages: result.messages.length, issues: result.issues.length };
        context.stdout(t(`integration.receive.${result.status}`, params) + '\n');
        for (const m of result.messages) context.stdout(t('integration.receive.message_line', { reference: m.reference, type: m.type, document: m.documentNumber, status: m.status, entity: m.entity ? ` → ${m.entity} ${m.entityKey}` : '' }) + '\n');
        for (const issue of result.issues) context.stdout(`  - ${formatIntegrationEdiIssue(issue, context.language)}\n`);
        if (!options.contrl) context.stdout(result.acknowledgement);
      }
      if (result.status === 'rejected') throw new CliError(EXIT_CODES.invalidInput, t('integration.receive.rejected', { reference: result.controlReference, sender: result.sender.id, issues: result.issues.length }));
    });

  edi.command('send').description(t('cli.edi.send.description'))
    .argument('<type>', t('cli.edi.send.type'))
    .argument('<id>', t('cli.edi.send.id'))
    .option('--output <file>', t('cli.edi.option.output'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (typeArgument: string, id: string, options: { output?: string; org?: string; json?: boolean }) => {
      const messageType = typeArgument.toUpperCase() as IntegrationOutboundType;
      if (!INTEGRATION_OUTBOUND_TYPES.includes(messageType)) throw new CliError(EXIT_CODES.usage, t('integration.send.unknown_type', { value: typeArgument }));
      let result;
      try {
        result = await withDatabase(context, (handle) => runSendEdiMessage(handle, { organizationId: organizationOf(context, options.org), messageType, documentNumber: id, now: nowOf(context), sentBy: 'cli' }));
      } catch (error) {
        if (error instanceof IntegrationNotFoundError) throw new CliError(EXIT_CODES.notFound, t('integration.send.not_found', { entity: error.entity, key: error.key }), { cause: error });
        throw error;
      }
      if (options.output) writeFileSync(options.output, result.text);
      if (options.json) return printJson(context, result);
      if (options.output) context.stdout(t('integration.send.done', { type: messageType, document: id, reference: result.controlReference, recipient: result.recipient.id }) + '\n');
      else context.stdout(result.text);
    });

  edi.command('list').description(t('cli.edi.list.description'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { org?: string; json?: boolean }) => {
      const page = await withDatabase(context, (handle) => listIntegrationInterchanges(handle, { organizationId: organizationOf(context, options.org), page: 1, pageSize: 100 }));
      if (options.json) return printJson(context, page);
      for (const i of page.items) context.stdout(`${i.createdAt.slice(0, 16)} ${i.direction.padEnd(3)} ${i.status.padEnd(8)} ${i.senderId} → ${i.recipientId} #${i.controlReference}  ${i.messages.map((m) => `${m.type} ${m.documentNumber}`).join(', ')}${i.duplicateCount > 0 ? ` (+${i.duplicateCount} duplicate)` : ''}\n`);
    });

  edi.command('ids').description(t('cli.edi.ids.description'))
    .argument('<file>', 'CSV file')
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (file: string, options: { org?: string; json?: boolean }) => {
      requireFile(context, file);
      const rows = await readIntegrationIdentifiersCsv(file);
      const result = await withDatabase(context, (handle) => runSetIntegrationIdentifiers(handle, { organizationId: organizationOf(context, options.org), rows }));
      const messages = result.issues.map((i) => `${file}, ${t('integration.where.row', { row: i.index + 2 })}: ${t(`integration.identifier.${i.problem}`, { kind: i.kind, code: i.code, value: i.value })}`);
      if (options.json) printJson(context, { ...result, messages });
      else {
        for (const m of messages) context.stdout(`  - ${m}\n`);
        context.stdout(t(result.written ? 'integration.identifier.written' : 'integration.identifier.rejected', { rows: rows.length, issues: result.issues.length }) + '\n');
      }
      if (!result.written) throw new CliError(EXIT_CODES.invalidInput, t('integration.identifier.rejected', { rows: rows.length, issues: result.issues.length }));
    });

  const map = program.command('map').description(t('cli.map.description'));
  map.command('save').description(t('cli.map.save.description'))
    .argument('<code>', 'profile code')
    .argument('<file>', 'profile JSON file')
    .option('--name <name>', t('cli.map.option.name'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (code: string, file: string, options: { name?: string; org?: string; json?: boolean }) => {
      requireFile(context, file);
      let definition: IntegrationMappingDefinition;
      try {
        definition = JSON.parse(readFileSync(file, 'utf8')) as IntegrationMappingDefinition;
        if (!Array.isArray(definition.targets)) throw new Error('"targets" must be a list of { entity, columns }');
      } catch (error) {
        throw new CliError(EXIT_CODES.invalidInput, t('integration.map.bad_file', { path: file, detail: error instanceof Error ? error.message : String(error) }));
      }
      const result = await withDatabase(context, (handle) => saveIntegrationMappingProfile(handle, { organizationId: organizationOf(context, options.org), code, name: options.name ?? code, definition }));
      const messages = result.issues.map((i) => formatIntegrationMappingIssue(i, context.language));
      if (options.json) printJson(context, { ...result, messages });
      else {
        for (const m of messages) context.stdout(`  - ${m}\n`);
        if (result.saved) context.stdout(t('integration.map.saved', { code, entity: definition.targets.map((x) => x.entity).join(', '), columns: definition.targets.reduce((n, x) => n + x.columns.length, 0) }) + '\n');
      }
      if (!result.saved) throw new CliError(EXIT_CODES.invalidInput, t('integration.map.invalid', { code, issues: result.issues.length }));
    });

  map.command('list').description(t('cli.map.list.description'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { org?: string; json?: boolean }) => {
      const profiles = await withDatabase(context, (handle) => listIntegrationMappingProfiles(handle, organizationOf(context, options.org)));
      if (options.json) return printJson(context, profiles);
      for (const p of profiles) context.stdout(`${p.code.padEnd(30)} ${p.definition.targets.map((x) => `${x.entity}(${x.columns.length})`).join(', ')}  ${p.name}\n`);
    });

  map.command('apply').description(t('cli.map.apply.description'))
    .argument('<profile>', 'profile code')
    .argument('<file>', 'ERP extract (CSV or XLSX)')
    .option('--dry-run', t('cli.import.option.dry_run'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (profileCode: string, file: string, options: { dryRun?: boolean; org?: string; json?: boolean }) => {
      requireFile(context, file);
      const report = await withDatabase(context, (handle) => runIntegrationMappingImport(handle, { organizationId: organizationOf(context, options.org), profileCode, path: file, today: todayIso(context), dryRun: options.dryRun === true }));
      if (!report) throw new CliError(EXIT_CODES.notFound, t('integration.map.not_found', { code: profileCode }));
      const mappingMessages = report.mappingIssues.map((i) => formatIntegrationMappingIssue(i, context.language));
      if (options.json) printJson(context, { ...report, mappingMessages, issues: report.issues.map((issue) => ({ ...issue, message: formatImportIssue(issue, context.language) })) });
      else {
        for (const e of report.entities) context.stdout(t('cli.import.entity_line', { entity: e.entity, rows: e.rows, sources: e.sources.join(', ') }) + '\n');
        for (const m of mappingMessages) context.stdout(`ERROR ${m}\n`);
        for (const issue of report.issues.slice(0, 200)) context.stdout(formatImportIssue(issue, context.language) + '\n');
        const summaryKey = report.written ? 'cli.import.written' : report.errorCount > 0 ? 'cli.import.rejected' : 'cli.import.dry_run_ok';
        context.stdout(t(summaryKey, { errors: report.errorCount, warnings: report.warningCount, rows: report.entities.reduce((sum, e) => sum + e.rows, 0) }) + '\n');
      }
      if (report.errorCount > 0) throw new CliError(EXIT_CODES.invalidInput, t('cli.import.rejected', { errors: report.errorCount, warnings: report.warningCount, rows: 0 }));
    });

  const webhook = program.command('webhook').description(t('cli.webhook.description'));
  webhook.command('add').description(t('cli.webhook.add.description'))
    .argument('<url>', 'https://…')
    .option('--event <event>', t('cli.webhook.option.event'), (value: string, previous: string[] = []) => [...previous, value])
    .option('--secret <secret>', t('cli.webhook.option.secret'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (url: string, options: { event?: string[]; secret?: string; org?: string; json?: boolean }) => {
      try {
        const added = await withDatabase(context, (handle) => addIntegrationWebhook(handle, { organizationId: organizationOf(context, options.org), url, events: options.event ?? [], urlPolicy: integrationWebhookUrlPolicyFromEnv(context.env), ...(options.secret ? { secret: options.secret } : {}) }));
        if (options.json) return printJson(context, added);
        context.stdout(t('integration.webhook.added', { id: added.id, events: added.events.join(', '), url: added.url, secret: added.secret }) + '\n');
      } catch (error) {
        if (error instanceof IntegrationWebhookInputError) throw new CliError(EXIT_CODES.usage, t(`integration.webhook.${error.problem}`, { value: error.value }), { cause: error });
        throw error;
      }
    });

  webhook.command('list').description(t('cli.webhook.list.description'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { org?: string; json?: boolean }) => {
      const organizationId = organizationOf(context, options.org);
      const { subscriptions, deliveries } = await withDatabase(context, async (handle) => ({ subscriptions: await listIntegrationWebhooks(handle, organizationId), deliveries: await listIntegrationWebhookDeliveries(handle, organizationId, 20) }));
      if (options.json) return printJson(context, { subscriptions, deliveries });
      for (const s of subscriptions) context.stdout(`${s.id}  ${s.active ? 'active' : 'inactive'}  ${s.events.join(',')}  ${s.url}\n`);
      for (const d of deliveries) context.stdout(`  #${d.id} ${d.eventType} → ${d.url}: ${d.status}, ${d.attemptCount} attempt(s)${d.lastStatusCode ? `, HTTP ${d.lastStatusCode}` : ''}${d.lastError ? `, ${d.lastError}` : ''}\n`);
    });

  webhook.command('remove').description(t('cli.webhook.remove.description'))
    .argument('<id>', 'whk_…')
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (id: string, options: { org?: string; json?: boolean }) => {
      const removed = await withDatabase(context, (handle) => deleteIntegrationWebhook(handle, organizationOf(context, options.org), id));
      if (!removed) throw new CliError(EXIT_CODES.notFound, t('integration.webhook.not_found', { id }));
      if (options.json) printJson(context, { removed: id });
    });

  webhook.command('deliver').description(t('cli.webhook.deliver.description'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { org?: string; json?: boolean }) => {
      const result = await withDatabase(context, (handle) => runDeliverIntegrationWebhooks(handle, { organizationId: organizationOf(context, options.org), now: nowOf(context), urlPolicy: integrationWebhookUrlPolicyFromEnv(context.env) }));
      if (options.json) return printJson(context, result);
      context.stdout(t('integration.webhook.delivered', result) + '\n');
    });

  program.command('erp-export').description(t('cli.erp_export.description'))
    .requiredOption('--out <dir>', t('cli.erp_export.option.out'))
    .option('--kind <kind>', t('cli.erp_export.option.kind'), 'purchase_orders')
    .option('--all', t('cli.erp_export.option.all'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { out: string; kind: string; all?: boolean; org?: string; json?: boolean }) => {
      if (options.kind !== 'purchase_orders' && options.kind !== 'purchase_proposals') throw new CliError(EXIT_CODES.usage, t('error.usage', { detail: '--kind purchase_orders|purchase_proposals' }));
      const result = await withDatabase(context, (handle) => runIntegrationErpExport(handle, { organizationId: organizationOf(context, options.org), kind: options.kind as 'purchase_orders', outDir: options.out, now: nowOf(context), all: options.all === true }));
      if (options.json) return printJson(context, result);
      context.stdout((result.file ? t('integration.erp_export.done', { documents: result.documentCount, rows: result.rowCount, file: result.file }) : t('integration.erp_export.nothing')) + '\n');
    });
};
