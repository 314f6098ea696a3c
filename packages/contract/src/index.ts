// Public surface of @flowpilot/contract: the web's only import.
export * from './messages/catalog-types';
export * from './messages/translate';
export * from './schemas/common';
export * from './schemas/master-data';
export * from './schemas/plan-results';
export * from './auth/permissions';
export * from './schemas/auth';
export * from './schemas/workspace';
export * from './schemas/sop-scenarios';
export * from './schemas/jobs';
export * from './schemas/counting';
export * from './schemas/improvement';
export * from './schemas/integration';
export * from './schemas/shipments';
