import { translate } from '@flowpilot/contract';

export type ShipmentErrorKind = 'invalid_input' | 'not_found' | 'invalid_state';

/**
 * An error of a shipment or traceability use case: a kind the CLI and the server map to an exit code or an
 * HTTP status (invalid_input 3/422, not_found 4/404, invalid_state 3/409), a message key of the shipments
 * catalogue (shipments.error.*) with its parameters: the message says where and what to do.
 */
export class ShipmentError extends Error {
  readonly kind: ShipmentErrorKind;
  readonly key: string;
  readonly params: Record<string, string | number>;
  /** The input field at fault, e.g. `lines[2].quantity`. */
  readonly path: string | null;
  constructor(kind: ShipmentErrorKind, key: string, params: Record<string, string | number> = {}, path: string | null = null) {
    super(translate('en', key, params));
    this.name = 'ShipmentError';
    this.kind = kind;
    this.key = key;
    this.params = params;
    this.path = path;
  }
}
