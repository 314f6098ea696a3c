import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '@flowpilot/contract';
import { recordAuditEntry } from '@flowpilot/services';
import type { AppContext } from '../app';
import { authOf } from '../auth/request-auth';
import { actorOf } from './auth';

const LanguageBody = z.object({ language: z.enum(['en', 'fr']).nullable().describe('null: follow the browser') });
const LanguageResponse = z.object({ language: z.enum(['en', 'fr']).nullable() });

/**
 * The signed-in user's own preferences (any role): the interface language, saved on the user so the next sign-in
 * (GET /api/v1/auth/session and the login answer, `user.language`) opens in it. Audited with before/after.
 */
export function registerPreferenceRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.put('/api/v1/auth/language', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Save the signed-in user\'s interface language', body: LanguageBody, response: { 200: LanguageResponse, 401: ErrorBody } },
  }, async (request) => {
    const auth = authOf(request);
    const language = request.body.language;
    await context.handle.db.transaction().execute(async (trx) => {
      const before = (await sql<{ language: 'en' | 'fr' | null }>`select language from app_user where id = ${auth.userId} for update`.execute(trx)).rows[0]?.language ?? null;
      if (before === language) return;
      await sql`update app_user set language = ${language} where id = ${auth.userId}`.execute(trx);
      await recordAuditEntry(trx, { organizationId: auth.organizationId, actor: actorOf(request), action: 'update', entity: 'user', entityKey: auth.email, before: { language: before }, after: { language } });
    });
    return { language };
  });
}
