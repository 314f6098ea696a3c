// Public surface of the services' auth module: one export line per file.
export * from './passwords';
export * from './audit';
export * from './users';
export * from './sessions';
export * from './principal-cache';
export * from './demo-users';
