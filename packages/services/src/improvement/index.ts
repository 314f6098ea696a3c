// Public surface of the services' improvement module: one export line per file.
export * from './load-kpi-actuals';
export * from './compute-kpis-from-database';
export * from './run-returns';
export * from './run-improvement-actions';
export * from './compute-cost-control';
export * from './run-lean-records';
export * from './testing/seed-improvement-fixture';
