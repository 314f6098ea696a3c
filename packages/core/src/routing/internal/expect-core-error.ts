import { CoreError } from '../../shared/core-error';

/** Runs `action` and returns the CoreError it throws (test helper). */
export function catchCoreError(action: () => unknown): CoreError {
  try {
    action();
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('expected a CoreError');
}
