// Public surface of @flowpilot/core: named re-exports only, one line per module.
export * from './shared/core-error';
export * from './shared/random';
