import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '@flowpilot/db';
import type { IntegrationWebhookUrlPolicy, JobQueue } from '@flowpilot/services';
import { installErrorHandler } from './error-handler';
import { installAuth } from './auth/install-auth';
import { installListDownloads } from './list-download';
import { DataFingerprints, DEFAULT_DATA_FINGERPRINT_TTL_MS, DEFAULT_READ_CACHE_TTL_MS, ReadMicroCache, installResultEtags, installWriteInvalidation, memoizeSharedSerialization } from './result-cache';
import { registerHealthRoutes } from './routes/health';
import { registerAuthRoutes } from './routes/auth';
import { registerMasterDataRoutes } from './routes/master-data';
import { registerPlanningRunRoutes } from './routes/planning-runs';
import { registerPlanResultRoutes } from './routes/plan-results';
import { registerJobRoutes } from './routes/jobs';
import { registerIntegrationRoutes } from './routes/integration';
import { registerImprovementRoutes } from './routes/improvement';
import { registerCountingRoutes } from './routes/counting';
import { registerWorkspaceRoutes } from './routes/workspace';
import { registerShipmentRoutes } from './routes/shipments';
import { registerForecastOverrideRoutes } from './routes/forecast-overrides';
import { registerPreferenceRoutes } from './routes/preferences';
import { registerSopScenarioRoutes } from './routes/sop-scenarios';

/** Where `vite build` puts the web app; served at / when present. */
export const WEB_DIST_DIR = resolve(import.meta.dirname, '../../web/dist');

export type AppOptions = {
  handle: DatabaseHandle;
  /** The clock, injected so tests are reproducible. */
  today: () => string;
  logger?: boolean | { level: string };
  bodyLimitBytes?: number;
  /** Marks the session cookie Secure (behind HTTPS). */
  secureCookies?: boolean;
  /** Folder of the built web app to serve at / (default packages/web/dist when it exists; null: none). */
  webDistDir?: string | null;
  /** The job queue (pg-boss on PostgreSQL); when absent the job routes create an in-process queue on first use. */
  jobs?: JobQueue;
  /** How long a resolved session or API token is reused from memory (default 5 s; 0 disables). See installAuth. */
  sessionCacheTtlMs?: number;
  /**
   * How long an organization's data fingerprint (checked by cached read models: the KPI dashboard) is reused
   * from memory (default 1 s; 0: ask the database on every read). Write requests through this process clear
   * it at once; another process's changes are seen within this time. See DataFingerprints.
   */
  dataFingerprintTtlMs?: number;
  /**
   * How long a list read (planned orders, action messages, items, planning runs) is reused from memory for the same
   * request of the same organization (default 1 s; 0 disables). Cleared like the fingerprint. See ReadMicroCache.
   */
  readCacheTtlMs?: number;
  /** Where webhook subscriptions may point (default: FLOWPILOT_WEBHOOK_ALLOW_PRIVATE / FLOWPILOT_WEBHOOK_ALLOW_HOSTS of process.env). */
  webhookUrlPolicy?: IntegrationWebhookUrlPolicy;
};

export type AppContext = { handle: DatabaseHandle; today: () => string; secureCookies: boolean; dataFingerprints: DataFingerprints; readCache: ReadMicroCache; jobs?: JobQueue; webhookUrlPolicy?: IntegrationWebhookUrlPolicy };

export const API_VERSION = '0.2.0';
export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * Builds the HTTP app (not listening): authentication and permissions on every /api/v1 route,
 * routes validated with the contract's zod schemas, OpenAPI at /api/openapi.json, the reference
 * page at /api/docs, and the web app at /.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    // Every request carries an id in the structured log lines (pino JSON) and in the x-request-id header.
    requestIdHeader: 'x-request-id',
    genReqId: () => `r_${Math.random().toString(36).slice(2, 12)}`,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(memoizeSharedSerialization(serializerCompiler));
  const webDir = options.webDistDir === undefined ? (existsSync(resolve(WEB_DIST_DIR, 'index.html')) ? WEB_DIST_DIR : null) : options.webDistDir;
  installErrorHandler(app, { singlePageApp: webDir !== null });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'flowpilot API', version: API_VERSION, description: 'Supply chain flow planning. Log in with POST /api/v1/auth/login (session cookie + x-csrf-token header on writes) or send `Authorization: Bearer <API token>`.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fp_session' }, token: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await installAuth(app, options.handle, options.sessionCacheTtlMs === undefined ? {} : { sessionCacheTtlMs: options.sessionCacheTtlMs });
  installListDownloads(app);
  installResultEtags(app);
  const dataFingerprints = new DataFingerprints(options.dataFingerprintTtlMs ?? DEFAULT_DATA_FINGERPRINT_TTL_MS);
  const readCache = new ReadMicroCache(options.readCacheTtlMs ?? DEFAULT_READ_CACHE_TTL_MS);
  installWriteInvalidation(app, dataFingerprints, readCache);
  const context: AppContext = { handle: options.handle, today: options.today, secureCookies: options.secureCookies ?? false, dataFingerprints, readCache, ...(options.jobs ? { jobs: options.jobs } : {}), ...(options.webhookUrlPolicy ? { webhookUrlPolicy: options.webhookUrlPolicy } : {}) };
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerHealthRoutes(app, context);
  registerAuthRoutes(app, context);
  registerMasterDataRoutes(app, context);
  registerPlanningRunRoutes(app, context);
  registerPlanResultRoutes(app, context);
  registerJobRoutes(app, context);
  registerIntegrationRoutes(app, context);
  registerImprovementRoutes(app, context);
  registerCountingRoutes(app, context);
  registerWorkspaceRoutes(app, context);
  registerShipmentRoutes(app, context);
  registerForecastOverrideRoutes(app, context);
  registerPreferenceRoutes(app, context);
  registerSopScenarioRoutes(app, context);
  if (webDir) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  return app;
}
