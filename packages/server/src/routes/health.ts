import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthResponse, ReadinessResponse } from '@flowpilot/contract';
import { API_VERSION, type AppContext } from '../app';

/** Liveness (the process answers) and readiness (the database answers). */
export function registerHealthRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/health', { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: HealthResponse } } }, async () => ({ status: 'ok' as const, version: API_VERSION }));
  typed.get('/api/ready', { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: ReadinessResponse, 503: ReadinessResponse } } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(context.handle.db);
      return { status: 'ready' as const, database: context.handle.kind };
    } catch {
      return reply.status(503).send({ status: 'not_ready', database: context.handle.kind });
    }
  });
}
