import { translate, type Language } from '@flowpilot/contract';

/** One problem found in imported data, located to the cell. Errors block the import; warnings do not. */
export type ImportIssue = {
  severity: 'error' | 'warning';
  /** File (and `#sheet` for XLSX). */
  file: string;
  /** Spreadsheet row number (header = 1), or null for file-level issues. */
  row: number | null;
  /** Column header as written in the file, or null. */
  column: string | null;
  /** The offending value as written, or null. */
  value: string | null;
  /** Message key under `import.` in the catalogue. */
  code: string;
  params: Record<string, string | number>;
};

/** The issue's message in the user's language, saying what is wrong and how to fix it. */
export function describeImportIssue(issue: ImportIssue, language: Language): string {
  const entity = typeof issue.params.entityName === 'string' ? translate(language, `entity.${issue.params.entityName}`) : undefined;
  const sentenceEntity = entity === undefined ? {} : { entity: entity.charAt(0).toUpperCase() + entity.slice(1) };
  return translate(language, `import.${issue.code}`, { ...issue.params, ...sentenceEntity, value: issue.value ?? '', column: issue.column ?? '' });
}

/** 'items.csv, row 4, column unit, value "KGS": …' in the user's language. */
export function formatImportIssue(issue: ImportIssue, language: Language): string {
  const parts = [issue.file];
  if (issue.row !== null) parts.push(`${language === 'fr' ? 'ligne' : 'row'} ${issue.row}`);
  if (issue.column !== null) parts.push(`${language === 'fr' ? 'colonne' : 'column'} ${issue.column}`);
  if (issue.value !== null && issue.value !== '') parts.push(`${language === 'fr' ? 'valeur' : 'value'} "${issue.value}"`);
  const level = issue.severity === 'error' ? (language === 'fr' ? 'ERREUR' : 'ERROR') : (language === 'fr' ? 'AVERTISSEMENT' : 'WARNING');
  return `${level} ${parts.join(', ')}: ${describeImportIssue(issue, language)}`;
}
