import { CoreError } from '../../shared/core-error';

/** Throws CoreError empty_input / not_finite for a bad numeric series. */
export function checkSeries(values: readonly number[], path = 'values'): void {
  if (values.length === 0) throw new CoreError('empty_input', `${path} is empty`, { path });
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new CoreError('not_finite', `${path}[${i}] is not a finite number`, { path: `${path}[${i}]` });
  });
}

export function checkSeasonLength(seasonLength: number | undefined): number {
  const m = seasonLength ?? 1;
  if (!Number.isInteger(m) || m < 1) throw new CoreError('out_of_range', 'seasonLength must be an integer >= 1', { path: 'seasonLength' });
  return m;
}
