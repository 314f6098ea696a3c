// Public surface of @flowpilot/db.
export * from './database';
export * from './db-error';
export type { Database } from './schema';
export * from './backup';
