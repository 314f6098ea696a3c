// Public surface of the EDI module: named re-exports only.
export {
  DEFAULT_EDI_SERVICE_CHARACTERS, EDI_SYNTAX_ERROR_CODES,
  type EdiIssue, type EdiIssueCode, type EdiParty, type EdiSegment, type EdiSegmentInput, type EdiServiceCharacters,
} from './types';
export { escapeEdifactValue, formatEdifactSegment, writeEdifactInterchange, type EdifactMessageInput, type WriteEdifactInterchangeInput } from './write-edifact';
export { validateEdifactEnvelope, type EdifactInterchange, type EdifactMessage, type ValidateEdifactEnvelopeResult } from './validate-edifact-envelope';
export { parseEdiDate, parseEdiDecimal } from './internal/segment-access';
export type { EancomItemRef, EancomPartyRef } from './internal/eancom-parts';
export { ORDERS_IDENTIFIER, buildEancomOrders, readEancomOrders, type EancomOrder, type EancomOrderLine } from './eancom-orders';
export { ORDRSP_IDENTIFIER, buildEancomOrderResponse, readEancomOrderResponse, type EancomOrderResponse, type EancomOrderResponseLine } from './eancom-ordrsp';
export { DESADV_IDENTIFIER, buildEancomDespatchAdvice, readEancomDespatchAdvice, type EancomDespatchAdvice, type EancomDespatchLine } from './eancom-desadv';
export { readEancomInvoice, type EancomInvoice, type EancomInvoiceLine } from './eancom-invoic';
export { readEancomReceivingAdvice, type EancomReceivingAdvice, type EancomReceivingLine } from './eancom-recadv';
export { CONTRL_IDENTIFIER, buildContrlMessage } from './build-contrl';
export { SUPPORTED_EDI_SYNTAX_IDENTIFIERS, tokenizeEdifact, type TokenizeEdifactResult } from './tokenize-edifact';
export { promiseOrderLines, type OrderLinePromise, type PromiseOrderLinesInput } from './promise-order-lines';
