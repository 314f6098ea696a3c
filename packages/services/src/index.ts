// Public surface of @flowpilot/services.
export * from './parallel/worker-pool';
