import { runImport } from '../../data-exchange/run-import';
import { formatImportIssue } from '../../data-exchange/import-issue';
import type { RawTable } from '../../data-exchange/read-tables';
import type { EntityName } from '../../data-exchange/entity-catalog';
import type { JobHandler } from '../job-types';
import { JobFailure } from '../job-error';
import { arrayParam, booleanParam, invalidJobParam, stringParam } from '../internal/job-params';

/**
 * `import`: runImport (validate everything, write all or nothing) as one partition inside the transaction
 * that marks it done. Params: tables (already read: source, entityHint, headers, rows) or path (a file or
 * directory on the worker's machine), entity, dryRun. An import with errors fails the job; its issues are the result.
 */
export const importJobHandler: JobHandler = {
  kind: 'import',
  async plan({ params }) {
    const tables = arrayParam(params, 'tables', false);
    const path = stringParam(params, 'path', undefined);
    if (!tables && !path) throw invalidJobParam('tables', 'give the tables to import (or a path readable by the workers)');
    booleanParam(params, 'dryRun', false);
    return { partitions: [{ input: {}, progressTotal: 1 }] };
  },
  async runPartition({ organizationId, params, state, signal, progress }) {
    const tables = arrayParam(params, 'tables', false) as RawTable[] | undefined;
    const path = stringParam(params, 'path', undefined);
    const entity = stringParam(params, 'entity', undefined) as EntityName | undefined;
    const dryRun = booleanParam(params, 'dryRun', false);
    return {
      async commit(handle) {
        const report = await runImport(handle, {
          organizationId, today: String(state.today), dryRun, signal,
          ...(tables ? { tables } : {}), ...(path ? { path } : {}), ...(entity ? { entity } : {}),
        });
        progress(1, 1);
        const summary = { dryRun: report.dryRun, written: report.written, entities: report.entities, errorCount: report.errorCount, warningCount: report.warningCount, issues: report.issues.slice(0, 100) };
        if (report.errorCount > 0) throw new JobFailure(`import refused: ${report.errorCount} error(s), nothing written — first: ${formatFirst(report.issues)}`, summary);
        return summary;
      },
    };
  },
  async finalize({ partitionResults }) {
    return partitionResults[0] ?? {};
  },
};

function formatFirst(issues: Parameters<typeof formatImportIssue>[0][]): string {
  const first = issues.find((i) => i.severity === 'error');
  return first ? formatImportIssue(first, 'en') : '-';
}
