// Public surface of @flowpilot/services.
export * from './parallel/worker-pool';
export * from './routing/run-route-planning';
export * from './data-exchange/entity-catalog';
export * from './data-exchange/parse-value';
export * from './data-exchange/read-tables';
export * from './data-exchange/import-issue';
export * from './data-exchange/validate-tables';
export * from './data-exchange/run-import';
export * from './data-exchange/run-export';
export * from './data-exchange/check-data-quality';
export * from './organizations/ensure-organization';
export * from './demo-company/generate-demo-company';
export * from './demo-company/demo-company-files';
export * from './forecast/index';
export * from './packing/run-load-planning-batch';
export * from './inventory/run-policy-simulations';
