import { useCallback, useRef, useState } from 'react';
import { ApiError } from './api-client';

/** What a form shows after a submit: the success text, or the server's error message. */
export type SubmitMessage = { tone: 'ok' | 'error'; text: string };

/** The issues an error body may list (a refused file: one message per row and column). */
type IssueDetails = { issues?: { message: string }[] };

/**
 * The text to show for a failed call: the server's error message (ApiError carries it from the error body, already in
 * the UI language), followed with `issues: true` by every issue message of its details, joined by " · ".
 */
export function errorMessageOf(error: unknown, options: { issues?: boolean } = {}): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!options.issues) return message;
  const details = (error instanceof ApiError ? error.details : (error as { details?: unknown } | null)?.details) as IssueDetails | undefined;
  const issues = details?.issues?.map((i) => i.message).join(' · ');
  return issues ? `${message} ${issues}` : message;
}

export type SubmitOptions<T> = {
  /** Called with the result (do the follow-up here: reset the form, reload); returns the success message, or none. */
  success?: (result: T) => string | null | undefined | void;
  /** Append the error body's issue messages to the server's message (see errorMessageOf). */
  issues?: boolean;
};

export type Submit = {
  /** True while a call runs: disable the submit button, show "working". */
  busy: boolean;
  message: SubmitMessage | null;
  /** Sets (or clears) the message directly, e.g. for a check made before calling the server. */
  setMessage: (message: SubmitMessage | null) => void;
  /**
   * Runs `work` unless a call is already running (a second click or Enter is ignored, even within the same tick):
   * clears the message, sets busy, then shows the success message or the server's error message. Resolves to the
   * result, or undefined when the call was ignored or failed (the error is shown, never thrown).
   */
  run: <T>(work: () => Promise<T>, options?: SubmitOptions<T>) => Promise<T | undefined>;
};

/** The busy flag, message and double-submit guard that every form posting to the API repeats. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<SubmitMessage | null>(null);
  const running = useRef(false);
  const run = useCallback(async <T,>(work: () => Promise<T>, options: SubmitOptions<T> = {}): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setMessage(null);
    try {
      const result = await work();
      const text = options.success?.(result);
      if (text) setMessage({ tone: 'ok', text });
      return result;
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessageOf(error, { issues: options.issues ?? false }) });
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, message, setMessage, run };
}
