// Public surface of the services' integration module: one export line per file.
export * from './receive-edi-interchange';
export * from './send-edi-message';
export * from './list-edi-interchanges';
export * from './format-edi-issue';
export * from './mapping-profiles';
export * from './webhooks';
export * from './webhook-url-policy';
export * from './deliver-webhooks';
export * from './run-erp-export';
export * from './set-edi-identifiers';
export * from './webhook-delivery-loop';
