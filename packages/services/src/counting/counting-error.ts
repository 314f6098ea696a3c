import { translate } from '@flowpilot/contract';

export type CountingErrorKind = 'invalid_input' | 'not_found' | 'invalid_state';

/** One problem in a count file, located to the cell (the file's row numbers: header = 1). */
export type CountEntryIssue = {
  file: string;
  row: number | null;
  column: string | null;
  value: string | null;
  /** Message key in the counting catalogue (counting.issue.*). */
  code: string;
  params: Record<string, string | number>;
};

/**
 * An error of a counting or supplier-performance use case: a kind the CLI and the server map to an exit code
 * or an HTTP status, a message key of the counting catalogue with its parameters (the message says where and
 * what to do), and for a refused count file every issue found.
 */
export class CountingError extends Error {
  readonly kind: CountingErrorKind;
  readonly key: string;
  readonly params: Record<string, string | number>;
  readonly issues: CountEntryIssue[];
  constructor(kind: CountingErrorKind, key: string, params: Record<string, string | number> = {}, issues: CountEntryIssue[] = []) {
    super(translate('en', key, params));
    this.name = 'CountingError';
    this.kind = kind;
    this.key = key;
    this.params = params;
    this.issues = issues;
  }
}

/** 'counts.csv, row 4, column counted_quantity, value "-2": …' in the user's language. */
export function formatCountEntryIssue(issue: CountEntryIssue, language: 'en' | 'fr'): string {
  const parts = [issue.file];
  if (issue.row !== null) parts.push(`${language === 'fr' ? 'ligne' : 'row'} ${issue.row}`);
  if (issue.column !== null) parts.push(`${language === 'fr' ? 'colonne' : 'column'} ${issue.column}`);
  if (issue.value !== null && issue.value !== '') parts.push(`${language === 'fr' ? 'valeur' : 'value'} "${issue.value}"`);
  return `${parts.join(', ')}${language === 'fr' ? ' : ' : ': '}${translate(language, issue.code, { ...issue.params, value: issue.value ?? '', column: issue.column ?? '' })}`;
}
