import type { SubmitMessage } from '../api/use-submit';

/** The outcome of a submit (useSubmit's message): a status line when it worked, an alert with the server's message when not. */
export function SubmitFeedback({ message, testId }: { message: SubmitMessage | null; testId?: string }) {
  if (!message) return null;
  return <p className={`state ${message.tone === 'error' ? 'state-error' : 'state-ok'}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid={testId}>{message.text}</p>;
}
