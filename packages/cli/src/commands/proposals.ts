import { sql } from 'kysely';
import { translate } from '@flowpilot/contract';
import { approvePurchaseProposals, listPlanningRuns, ProposalApprovalError } from '@flowpilot/services';
import type { DatabaseHandle } from '@flowpilot/db';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { organizationOf, todayIso, withDatabase } from '../open-cli-database';
import type { CommandRegistration } from './index';

async function resolveRun(handle: DatabaseHandle, context: CliContext, organizationId: string, runId: string | undefined): Promise<string> {
  if (runId) return runId;
  const latest = (await listPlanningRuns(handle, { organizationId, runType: 'proposals', limit: 1 }))[0];
  if (!latest) throw new CliError(EXIT_CODES.notFound, translate(context.language, 'cli.proposals.none'));
  return latest.id;
}

type PolicyBasis = { method: 'reorder_point' | 'periodic_review'; inventoryPosition: number; reorderPoint?: number; orderQuantity?: number; orderCount?: number; orderUpToLevel?: number; reviewDate?: string; requiredQuantity: number; adjustments?: string[] };

/** One line saying why a policy proposal exists: the inventory position against s and Q, or against S on the review date; then the rounding. */
function explainPolicyBasis(basis: PolicyBasis, t: (key: string, params?: Record<string, unknown>) => string): string {
  const text = basis.method === 'reorder_point'
    ? t('cli.proposals.basis.reorder_point', { position: basis.inventoryPosition, s: basis.reorderPoint, count: basis.orderCount, q: basis.orderQuantity, required: basis.requiredQuantity })
    : t('cli.proposals.basis.periodic_review', { reviewDate: basis.reviewDate, level: basis.orderUpToLevel, position: basis.inventoryPosition, required: basis.requiredQuantity });
  return basis.adjustments && basis.adjustments.length > 0 ? `${text}; ${basis.adjustments.join(', ')}` : text;
}

/** `flowpilot proposals [--run id] [--supplier code]` and `flowpilot proposals approve [--supplier code] [--lines id,id]` (partial approval). */
export const registerProposalsCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  const proposals = program.command('proposals').description(t('cli.proposals.description')).enablePositionalOptions()
    .option('--run <runId>', t('cli.proposals.option.run'))
    .option('--supplier <code>', t('cli.proposals.option.supplier'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { run?: string; supplier?: string; org?: string; json?: boolean }) => {
      const organizationId = organizationOf(context, options.org);
      const { runId, lines } = await withDatabase(context, async (handle) => {
        const id = await resolveRun(handle, context, organizationId, options.run);
        const rows = (await sql<Record<string, unknown>>`select supplier_code, planned_order_id, item_code, location_code, quantity::text, unit_price::text, price_basis, currency, release_date::text, due_date::text, status, purchase_order_number, origin, policy_basis
          from purchase_proposal_line where organization_id = ${organizationId} and run_id = ${id} and (${options.supplier ?? null}::text is null or supplier_code = ${options.supplier ?? null})
          order by supplier_code, due_date, item_code`.execute(handle.db)).rows;
        return { runId: id, lines: rows };
      });
      if (options.json) return printJson(context, { runId, lines });
      context.stdout(t('cli.proposals.header', { runId, count: lines.length }) + '\n');
      for (const l of lines) {
        context.stdout(`  ${l.supplier_code}  ${String(l.item_code).padEnd(10)} ${String(Number(l.quantity)).padStart(8)} × ${Number(l.unit_price).toFixed(4)} ${l.currency}  ${t('cli.proposals.release')} ${l.release_date}  ${t('cli.proposals.due')} ${l.due_date}  ${l.status}${l.purchase_order_number ? ` → ${l.purchase_order_number}` : ''}  [${t(`cli.proposals.origin.${l.origin === 'policy' ? 'policy' : 'mrp'}`)}] (${l.price_basis})\n`);
        const basis = l.policy_basis as PolicyBasis | null;
        if (basis) context.stdout(`      ${explainPolicyBasis(basis, t)}\n`);
      }
    });

  proposals.command('approve').description(t('cli.proposals.approve.description'))
    .option('--run <runId>', t('cli.proposals.option.run'))
    .option('--supplier <code>', t('cli.proposals.option.supplier'))
    .option('--lines <plannedOrderIds>', t('cli.proposals.approve.option.lines'))
    .option('--by <user>', t('cli.proposals.approve.option.by'), 'cli')
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { run?: string; supplier?: string; lines?: string; by: string; org?: string; json?: boolean }) => {
      const organizationId = organizationOf(context, options.org);
      const plannedOrderIds = options.lines?.split(',').map((id) => id.trim()).filter((id) => id.length > 0);
      if (plannedOrderIds && plannedOrderIds.length === 0) throw new CliError(EXIT_CODES.usage, t('cli.proposals.approve.no_lines'));
      const result = await withDatabase(context, async (handle) => {
        const runId = await resolveRun(handle, context, organizationId, options.run);
        try {
          return await approvePurchaseProposals(handle, { organizationId, runId, supplierCode: options.supplier, plannedOrderIds, approvedBy: options.by, orderDate: todayIso(context) });
        } catch (error) {
          if (!(error instanceof ProposalApprovalError)) throw error;
          throw new CliError(error.kind === 'not_found' ? EXIT_CODES.notFound : EXIT_CODES.invalidInput, t(error.key, error.params));
        }
      });
      if (options.json) return printJson(context, result);
      if (result.purchaseOrders.length === 0) return context.stdout(t('cli.proposals.approve.nothing') + '\n');
      for (const po of result.purchaseOrders) context.stdout(t('cli.proposals.approve.done', { orderNumber: po.orderNumber, supplier: po.supplierCode, lines: po.lineCount }) + '\n');
    });
};
