import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { registerDbCommands } from './db';
import { registerDataExchangeCommands } from './data-exchange';
import { registerServeCommands } from './serve';
import { registerRunsCommands } from './runs';
import { registerProposalsCommands } from './proposals';
import { registerMrpCommand } from './mrp';
import { registerLotSizeCommand } from './lot-size';
import { registerMrpFileCommand } from './mrp-file';
import { registerSopCommand } from './sop';
import { registerMpsCommand } from './mps';
import { registerAllocateCommand } from './allocate';
import { registerRouteCommand } from './route';
import { registerPolicyCommand } from './policy';
import { registerAbcCommand } from './abc';
import { registerSimulateCommand } from './simulate';
import { registerForecastCommand } from './forecast';
import { registerPackCommand } from './pack';
import { registerReconcileCommand } from './reconcile';
import { registerVsmCommand } from './vsm';
import { registerKpiFileCommand } from './kpi-file';
import { registerTransportCommand } from './transport';
import { registerPickRouteCommand } from './pick-route';
import { registerSsccCommand } from './sscc';
import { registerUserCommands } from './user';
import { registerWorkerCommands } from './worker';
import { registerIntegrationCommands } from './integration';
import { registerImprovementCommands } from './improvement';
import { registerCountingCommands } from './counting';
import { registerShipmentCommands } from './shipments';
import { registerOverrideCommand } from './override';

/** A module that adds its commands to the program. */
export type CommandRegistration = (program: Command, context: CliContext) => void;

// One line per command module; each module lives in its own file in this folder.
export const commandRegistrations: CommandRegistration[] = [registerServeCommands, registerRunsCommands, registerProposalsCommands, registerMrpCommand, registerDbCommands, registerDataExchangeCommands, registerLotSizeCommand, registerMrpFileCommand, registerSopCommand, registerMpsCommand, registerAllocateCommand, registerRouteCommand, registerPolicyCommand, registerAbcCommand, registerSimulateCommand, registerForecastCommand, registerPackCommand, registerReconcileCommand, registerVsmCommand, registerKpiFileCommand, registerTransportCommand, registerPickRouteCommand, registerSsccCommand, registerUserCommands, registerWorkerCommands, registerIntegrationCommands, registerImprovementCommands, registerCountingCommands, registerShipmentCommands, registerOverrideCommand];
