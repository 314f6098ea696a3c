// Test fixtures shared by the services', CLI's and server's tests (`@flowpilot/services/testing`); not for production code.
export { seedSupplierHistory } from './counting/supplier-history.fixture';
