import { z } from 'zod';
import { ROLES, type Permission } from '../auth/permissions';

export const RoleSchema = z.enum(ROLES);

export const LoginBody = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
  organizationId: z.string().min(1).max(100).optional(),
});

/** The session as the web app sees it: who, where, with which role and permissions, and the CSRF token for writes. */
export const SessionResponse = z.object({
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string(), language: z.enum(['en', 'fr']).nullable() }),
  organization: z.object({ id: z.string(), name: z.string() }),
  role: RoleSchema,
  permissions: z.array(z.string() as z.ZodType<Permission>),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), role: RoleSchema })),
  csrfToken: z.string().nullable().describe('send it back as the x-csrf-token header on every non-GET request made with the session cookie'),
  via: z.enum(['session', 'token']),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const SwitchOrganizationBody = z.object({ organizationId: z.string().min(1).max(100) });

export const UserRecord = z.object({
  userId: z.string(), email: z.string(), displayName: z.string(), language: z.enum(['en', 'fr']).nullable(), role: RoleSchema, active: z.boolean(), createdAt: z.string(),
});
export const UserList = z.object({ items: z.array(UserRecord) });

export const CreateUserBody = z.object({
  email: z.string().min(3).max(320),
  displayName: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
  role: RoleSchema,
  language: z.enum(['en', 'fr']).nullable().optional(),
});

export const UpdateUserBody = z.object({
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
  displayName: z.string().min(1).max(200).optional(),
  language: z.enum(['en', 'fr']).nullable().optional(),
  reason: z.string().max(500).optional(),
}).refine((body) => Object.keys(body).some((k) => k !== 'reason'), { message: 'give at least one of role, active, displayName, language' });

export const ResetPasswordBody = z.object({ password: z.string().min(1).max(1024), reason: z.string().max(500).optional() });

export const ApiTokenRecord = z.object({ id: z.string(), name: z.string(), userEmail: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
export const ApiTokenList = z.object({ items: z.array(ApiTokenRecord) });
export const CreateApiTokenBody = z.object({ name: z.string().min(1).max(100) });
export const CreatedApiToken = z.object({ id: z.string(), name: z.string(), secret: z.string().describe('shown once: send as `Authorization: Bearer <secret>`') });

export const AuditQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  entity: z.string().max(64).optional(),
  entityKey: z.string().max(200).optional(),
  userId: z.string().max(100).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export const AuditRecordSchema = z.object({
  id: z.string(), userId: z.string().nullable(), userEmail: z.string().nullable(), via: z.string().nullable(), action: z.string(), entity: z.string(), entityKey: z.string(),
  before: z.unknown(), after: z.unknown(), reason: z.string().nullable(), createdAt: z.string(),
});
export const AuditPage = z.object({ items: z.array(AuditRecordSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
