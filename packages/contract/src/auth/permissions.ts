/**
 * Roles and permissions: the one table the server enforces and the web app uses to show or hide
 * actions. A permission is `<area>:<read|write>`; every `/api/v1` route declares the one it needs.
 * Documented (generated from this table) in docs/permissions.md.
 */
export const ROLES = ['admin', 'planner', 'buyer', 'warehouse', 'transport', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const AREAS = [
  'master_data', 'data_exchange', 'planning', 'forecast', 'inventory', 'procurement', 'counting', 'transport', 'warehouse',
  'returns', 'improvement', 'kpi', 'integration', 'jobs', 'users', 'audit',
] as const;
export type Area = (typeof AREAS)[number];
export type Access = 'read' | 'write';
export type Permission = `${Area}:${Access}`;

/** What each role may write; every role except viewer reads every area but users and audit (admin only). */
const WRITES: Record<Role, readonly Area[]> = {
  admin: AREAS,
  planner: ['master_data', 'data_exchange', 'planning', 'forecast', 'inventory', 'improvement', 'kpi', 'jobs'],
  buyer: ['procurement', 'inventory', 'integration', 'jobs'],
  warehouse: ['counting', 'warehouse', 'returns', 'inventory', 'jobs'],
  transport: ['transport', 'returns', 'jobs'],
  viewer: [],
};
const ADMIN_ONLY_READ: readonly Area[] = ['users', 'audit'];

/** True when `role` holds `permission`. */
export function roleCan(role: Role, permission: Permission): boolean {
  const [area, access] = permission.split(':') as [Area, Access];
  if (role === 'admin') return true;
  if (access === 'read') return !ADMIN_ONLY_READ.includes(area);
  return WRITES[role].includes(area);
}

/** Every permission a role holds (sent to the web app with the session). */
export function permissionsOf(role: Role): Permission[] {
  const all: Permission[] = [];
  for (const area of AREAS) for (const access of ['read', 'write'] as const) if (roleCan(role, `${area}:${access}`)) all.push(`${area}:${access}`);
  return all;
}
