import { CoreError } from '../../shared/core-error';

export function requireText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new CoreError('invalid_input', `${path} must be a non-empty string`, { path });
  return value;
}

export function requireNonNegative(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `${path} must be a finite number`, { path });
  if (value < 0) throw new CoreError('negative_value', `${path} must be ≥ 0, got ${value}`, { path });
  return value;
}

export function requirePositive(value: unknown, path: string): number {
  const number = requireNonNegative(value, path);
  if (number === 0) throw new CoreError('out_of_range', `${path} must be > 0`, { path });
  return number;
}

export function requireFraction(value: unknown, path: string): number {
  const number = requireNonNegative(value, path);
  if (number > 1) throw new CoreError('out_of_range', `${path} must be a fraction in 0–1, got ${number}`, { path });
  return number;
}

export function requireUniqueIds(items: readonly { id: string }[], path: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    requireText(item.id, `${path}[${index}].id`);
    if (seen.has(item.id)) throw new CoreError('invalid_input', `Duplicate id ${item.id}`, { path: `${path}[${index}].id` });
    seen.add(item.id);
  });
}
