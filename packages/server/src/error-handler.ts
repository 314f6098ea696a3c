import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CoreError } from '@flowpilot/core';
import { DbError } from '@flowpilot/db';
import { translate, type Language } from '@flowpilot/contract';

/** An error that knows its HTTP meaning; thrown by handlers for not found, forbidden, conflicts. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: unknown;
  constructor(statusCode: number, code: string, message: string, details?: unknown) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

/** The one table from error kinds to HTTP statuses. */
const DB_STATUS: Record<DbError['kind'], number> = {
  unique_violation: 409, foreign_key_violation: 409, check_violation: 422, not_null_violation: 422,
  serialization_failure: 503, connection: 503, other: 500,
};

export function languageOf(acceptLanguage: string | undefined): Language {
  return acceptLanguage?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Installs the error handler: every error leaves as `{ error: { code, message, details? } }`. */
export function installErrorHandler(app: FastifyInstance, options: { singlePageApp?: boolean } = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const language = languageOf(request.headers['accept-language']);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({ path: `${error.validationContext ?? ''}${v.instancePath}`, message: v.message }));
      return reply.status(400).send({ error: { code: 'validation_failed', message: details.map((d) => `${d.path}: ${d.message}`).join('; '), details } });
    }
    if (error instanceof HttpError) return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, details: error.details } });
    if (error instanceof CoreError) {
      return reply.status(error.code === 'unknown_reference' ? 404 : 422).send({ error: { code: error.code, message: translate(language, `core.${error.code}`, { path: error.path ?? '-', detail: error.message }), details: { path: error.path } } });
    }
    if (error instanceof DbError) {
      const status = DB_STATUS[error.kind];
      if (status >= 500) request.log.error({ err: error }, 'database error');
      return reply.status(status).send({ error: { code: error.kind, message: translate(language, 'error.database', { kind: error.kind, detail: status >= 500 ? '' : error.message }) } });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unhandled error');
      return reply.status(500).send({ error: { code: 'internal', message: translate(language, 'error.internal', { detail: 'see the server log' }) } });
    }
    return reply.status(status).send({ error: { code: error.code ?? 'bad_request', message: error.message } });
  });
  app.setNotFoundHandler((request, reply) => {
    // The web app's own routes (no /api prefix, no file extension) get its index.html.
    if (options.singlePageApp && request.method === 'GET' && !request.url.startsWith('/api/') && !/\.[a-z0-9]+(\?|$)/i.test(request.url)) {
      return reply.sendFile('index.html');
    }
    reply.status(404).send({ error: { code: 'not_found', message: translate(languageOf(request.headers['accept-language']), 'error.not_found', { detail: `${request.method} ${request.url}` }) } });
  });
}
