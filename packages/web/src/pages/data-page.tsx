import { useMemo, useState, type FormEvent } from 'react';
import type { DataQualityResponse, ExportEntityList, ImportIssueRow, ImportResponse } from '@flowpilot/contract';
import { apiRequest } from '../api/api-client';
import { useApi } from '../api/use-api';
import { useSession } from '../auth/session-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { DataTable, gridColumns } from '../components/data-table';
import { Kpi, PageHeader, Section } from '../components/page';
import { Empty, ErrorMessage, Loaded } from '../components/states';

type Finding = DataQualityResponse['findings'][number];
type Check = DataQualityResponse['checks'][number];
type ExportEntity = ExportEntityList['items'][number];
const issueCol = gridColumns<ImportIssueRow & { index: number }>();
const findingCol = gridColumns<Finding & { index: number }>();
const checkCol = gridColumns<Check>();
const exportCol = gridColumns<ExportEntity>();

/** Reads a browser File as base64 (without the data: prefix). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Data: import CSV/XLSX files with every issue shown row by row (nothing written unless all is valid), exports, data-quality report. */
export function DataPage() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <>
      <PageHeader title={t('data.title')} subtitle={t('data.subtitle')} />
      {can('data_exchange:write') && <ImportPanel />}
      <QualityPanel />
      <ExportPanel />
    </>
  );
}

function ImportPanel() {
  const { t, formatNumber } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const issues = useMemo(() => (report?.issues ?? []).map((issue, index) => ({ ...issue, index })), [report]);
  const columns = useMemo(() => issueCol.columns([
    issueCol.accessor('severity', { header: t('data.severity'), cell: (c) => <span className={`badge ${c.getValue()}`}>{t(`severity.${c.getValue()}` as MessageKey)}</span> }),
    issueCol.accessor('file', { header: t('data.file') }),
    issueCol.accessor('row', { header: t('data.row'), cell: (c) => c.getValue() ?? '—' }),
    issueCol.accessor('column', { header: t('data.column'), cell: (c) => c.getValue() ?? '—' }),
    issueCol.accessor('value', { header: t('data.value'), cell: (c) => (c.getValue() === null ? '—' : <code>{c.getValue()}</code>) }),
    issueCol.accessor('message', { header: t('data.message'), cell: (c) => <span className="wrap" title={c.getValue()}>{c.getValue()}</span> }),
  ]), [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const body = { files: await Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await fileToBase64(f) }))), dryRun };
      setReport(await apiRequest<ImportResponse>('/api/v1/imports', { method: 'POST', body }));
    } catch (cause) {
      setError(cause as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('data.import')} id="import">
      <form className="toolbar" onSubmit={submit}>
        <label className="inline-field">{t('data.files')}
          <input type="file" multiple accept=".csv,.xlsx" onChange={(e) => setFiles([...(e.target.files ?? [])])} data-testid="import-files" />
        </label>
        <label className="inline-field checkbox"><input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> {t('data.dryRun')}</label>
        <button type="submit" className="primary" disabled={busy || files.length === 0} data-testid="import-submit">{busy ? t('data.importing') : t('data.importButton')}</button>
      </form>
      <p className="muted small">{t('data.importHint')}</p>
      {error && <ErrorMessage error={error} />}
      {report && (
        <div data-testid="import-report">
          <p className={report.applied ? 'state state-ok' : report.errorCount > 0 ? 'state state-error' : 'state state-warning'} role="status">
            {report.applied ? t('data.applied', { rows: formatNumber(report.entities.reduce((s, e) => s + e.rows, 0), 0) })
              : report.errorCount > 0 ? t('data.rejected', { errors: formatNumber(report.errorCount, 0), warnings: formatNumber(report.warningCount, 0) })
              : t('data.validOnly')}
          </p>
          {report.entities.length > 0 && (
            <ul className="inline-list">{report.entities.map((e) => <li key={e.entity}>{t('data.entityRows', { entity: e.entity, rows: formatNumber(e.rows, 0), sources: e.sources.join(', ') })}</li>)}</ul>
          )}
          {issues.length > 0 && <DataTable rows={issues} columns={columns} getRowId={(i) => String(i.index)} caption={t('data.issues')} numeric={['row']} testId="import-issues" rowHeightPx={44} maxHeightPx={360} />}
        </div>
      )}
    </Section>
  );
}

function QualityPanel() {
  const { t, formatNumber, language } = useI18n();
  const quality = useApi<DataQualityResponse>('/api/v1/data-quality', language);
  const [check, setCheck] = useState<string | null>(null);
  const checkColumns = useMemo(() => checkCol.columns([
    checkCol.accessor('title', { header: t('data.check') }),
    checkCol.accessor('severity', { header: t('data.severity'), cell: (c) => <span className={`badge ${c.getValue()}`}>{t(`severity.${c.getValue()}` as MessageKey)}</span> }),
    checkCol.accessor('findingCount', { header: t('data.findings'), cell: (c) => formatNumber(c.getValue(), 0) }),
  ]), [t, formatNumber]);
  const findingColumns = useMemo(() => findingCol.columns([
    findingCol.accessor('severity', { header: t('data.severity'), cell: (c) => <span className={`badge ${c.getValue()}`}>{t(`severity.${c.getValue()}` as MessageKey)}</span> }),
    findingCol.accessor('entity', { header: t('data.entity') }),
    findingCol.accessor('key', { header: t('data.key') }),
    findingCol.accessor('message', { header: t('data.message'), cell: (c) => <span className="wrap" title={c.getValue()}>{c.getValue()}</span> }),
  ]), [t]);
  return (
    <Section title={t('data.quality')} id="quality">
      <Loaded state={quality}>
        {(report) => {
          const findings = report.findings.filter((f) => !check || f.check === check).map((f, index) => ({ ...f, index }));
          return (
            <>
              <div className="kpi-row">
                <Kpi label={t('data.errors')} value={formatNumber(report.errorCount, 0)} tone={report.errorCount ? 'bad' : 'good'} />
                <Kpi label={t('data.warnings')} value={formatNumber(report.warningCount, 0)} tone={report.warningCount ? 'warn' : 'good'} />
              </div>
              <div className="two-cols">
                <DataTable rows={report.checks} columns={checkColumns} getRowId={(c) => c.check} caption={t('data.quality')} numeric={['findingCount']} onRowActivate={(c) => setCheck(check === c.check ? null : c.check)} activeRowId={check} maxHeightPx={360} testId="quality-checks" />
                {findings.length === 0 ? <Empty>{t('data.noFindings')}</Empty> : <DataTable rows={findings} columns={findingColumns} getRowId={(f) => String(f.index)} caption={t('data.findings')} rowHeightPx={44} maxHeightPx={360} />}
              </div>
            </>
          );
        }}
      </Loaded>
    </Section>
  );
}

function ExportPanel() {
  const { t, formatNumber, language } = useI18n();
  const exports = useApi<ExportEntityList>('/api/v1/exports', language);
  const columns = useMemo(() => exportCol.columns([
    exportCol.accessor('entity', { header: t('data.entity') }),
    exportCol.accessor('rows', { header: t('data.rows'), cell: (c) => formatNumber(c.getValue(), 0) }),
    exportCol.display({ id: 'download', header: t('data.download'), cell: (c) => (
      <span className="links">
        <a href={`/api/v1/exports/${encodeURIComponent(c.row.original.entity)}?format=csv&headerLanguage=${language}`} download>CSV</a>{' · '}
        <a href={`/api/v1/exports/${encodeURIComponent(c.row.original.entity)}?format=xlsx&headerLanguage=${language}`} download>XLSX</a>
      </span>
    ) }),
  ]), [t, formatNumber, language]);
  return (
    <Section title={t('data.exports')} id="exports">
      <Loaded state={exports} isEmpty={(d) => d.items.length === 0}>
        {(data) => <DataTable rows={data.items} columns={columns} getRowId={(e) => e.entity} caption={t('data.exports')} numeric={['rows']} maxHeightPx={300} />}
      </Loaded>
    </Section>
  );
}
