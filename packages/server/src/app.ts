import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '@flowpilot/db';
import { installErrorHandler } from './error-handler';
import { registerHealthRoutes } from './routes/health';
import { registerMasterDataRoutes } from './routes/master-data';
import { registerPlanningRunRoutes } from './routes/planning-runs';
import { registerPlanResultRoutes } from './routes/plan-results';

export type AppOptions = {
  handle: DatabaseHandle;
  /** Organization served while authentication is not configured (single-tenant demo mode). */
  organizationId: string;
  /** The clock, injected so tests are reproducible. */
  today: () => string;
  logger?: boolean;
  bodyLimitBytes?: number;
};

export type AppContext = Required<Pick<AppOptions, 'handle' | 'organizationId' | 'today'>>;

export const API_VERSION = '0.1.0';

/** Builds the HTTP app (not listening): routes validated with the contract's zod schemas, OpenAPI at /api/openapi.json. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimitBytes ?? 10 * 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: { openapi: '3.0.3', info: { title: 'flowpilot API', version: API_VERSION, description: 'Supply chain flow planning: master data, planning runs, data quality.' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  const context: AppContext = { handle: options.handle, organizationId: options.organizationId, today: options.today };
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerHealthRoutes(app, context);
  registerMasterDataRoutes(app, context);
  registerPlanningRunRoutes(app, context);
  registerPlanResultRoutes(app, context);
  return app;
}
