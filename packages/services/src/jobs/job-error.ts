/** Why a job request was refused; `messageKey` is in the jobs catalogue (contract/messages/jobs.ts). */
export type JobErrorCode = 'job_not_found' | 'invalid_params' | 'unknown_kind' | 'invalid_state' | 'backend_unavailable';

/** A refused job request: the server maps job_not_found to 404, invalid_state to 409, the rest to 400; the CLI to exit codes 4, 1, 3. */
export class JobError extends Error {
  readonly code: JobErrorCode;
  readonly messageKey: string;
  readonly params: Record<string, unknown>;
  constructor(code: JobErrorCode, messageKey: string, params: Record<string, unknown>, message: string) {
    super(message);
    this.name = 'JobError';
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
  }
}

/** A job that ran and failed for a reason the user can act on, with details kept as the job's result. */
export class JobFailure extends Error {
  readonly details: Record<string, unknown>;
  constructor(message: string, details: Record<string, unknown>) {
    super(message);
    this.name = 'JobFailure';
    this.details = details;
  }
}
