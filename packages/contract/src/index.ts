// Public surface of @flowpilot/contract.
export * from './messages/catalog-types';
export * from './messages/translate';
