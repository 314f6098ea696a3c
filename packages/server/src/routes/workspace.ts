import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app';
import { registerDataRoutes } from './workspace/data-routes';
import { registerPlanningRoutes } from './workspace/planning-routes';
import { registerInventoryRoutes } from './workspace/inventory-routes';
import { registerTransportRoutes } from './workspace/transport-routes';
import { registerWarehouseRoutes } from './workspace/warehouse-routes';

/** The endpoints the web app's pages need that no other route file serves (docs/api-workspace.md). */
export function registerWorkspaceRoutes(app: FastifyInstance, context: AppContext): void {
  registerDataRoutes(app, context);
  registerPlanningRoutes(app, context);
  registerInventoryRoutes(app, context);
  registerTransportRoutes(app, context);
  registerWarehouseRoutes(app, context);
}
