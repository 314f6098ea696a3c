// Public surface of @flowpilot/contract: the web's only import.
export * from './messages/catalog-types';
export * from './messages/translate';
export * from './schemas/common';
export * from './schemas/master-data';
export * from './schemas/plan-results';
