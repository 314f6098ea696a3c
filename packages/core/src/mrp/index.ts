export type {
  MrpLotSizingRule,
  MrpSourcing,
  MrpItemInput,
  MrpBomLineInput,
  MrpDemandInput,
  MrpScheduledReceiptInput,
  MrpOptions,
  MrpInput,
  MrpActionKind,
  MrpReasonCode,
  MrpOwnerRole,
  MrpActionMessage,
  MrpExceptionKind,
  MrpException,
  MrpPlannedOrder,
  MrpItemRecord,
  MrpPegSupplyKind,
  MrpPegDemandKind,
  MrpPegRecord,
  MrpStatus,
} from './types';
export { computeLowLevelCodes, type LowLevelCodes } from './compute-low-level-codes';
export { compileMrpModel, type CompiledMrpModel } from './compile-mrp-model';
export { runMrp, planCompiledMrpModel, listMrpPlannedOrders, listMrpActionMessages, listMrpExceptions, type MrpPlan } from './run-mrp';
export { applyMrpNetChange, type MrpItemChange, type MrpNetChangeResult } from './apply-mrp-net-change';
export { pegMrpPlan, traceMrpPeggingDown, traceMrpPeggingUp, type MrpPeggedSupply, type MrpPeggedDemand } from './peg-mrp-plan';
export { toMrpItemRecord, toMrpReport, type MrpReport } from './to-mrp-report';
export { generateMrpModel, type GenerateMrpModelInput } from './generate-mrp-model';
