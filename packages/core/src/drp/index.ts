export type {
  DrpShipmentSizing,
  DrpLaneInput,
  DrpStockPointInput,
  DrpDemandInput,
  DrpScheduledReceiptInput,
  DrpInput,
  DrpPlannedTransfer,
  DrpRecord,
  DrpSourceDemand,
  DrpPegSupplyKind,
  DrpPegDemandKind,
  DrpPegRecord,
  DrpExceptionKind,
  DrpException,
  DrpResult,
} from './types';
export { planDistributionRequirements, sizeDrpShipment } from './plan-distribution-requirements';
