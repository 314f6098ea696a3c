export * from './types';
export * from './logistics-cost-breakdown';
export * from './budget-variance';
export * from './cost-to-serve';
