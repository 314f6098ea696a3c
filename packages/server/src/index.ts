// Public surface of @flowpilot/server.
export { buildApp, API_VERSION, type AppOptions } from './app';
export { HttpError } from './error-handler';
