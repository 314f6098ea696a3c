// Public surface of the services' shipments module: one export line per file.
export * from './shipment-error';
export * from './run-shipments';
export * from './plan-shipment-load';
export * from './shipment-documents';
export * from './trace-lots';
export * from './code128-symbol';
export * from './testing/seed-shipment-fixture';
