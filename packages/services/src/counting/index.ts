// Public surface of the services' counting module: one export line per file.
export * from './counting-error';
export * from './counting-settings';
export * from './plan-count-schedule';
export * from './compute-count-variance';
export * from './compute-record-accuracy';
export * from './summarize-count-variances';
export * from './compute-supplier-scorecard';
export * from './run-count-plan';
export * from './get-count-sheet';
export * from './start-count';
export * from './enter-counts';
export * from './close-count';
export * from './count-reports';
export * from './supplier-performance';
export * from './import-storage-bins';
