/**
 * The EDIFACT data model shared by the writer, the envelope checks and the EANCOM message builders and
 * readers. Source: ISO 9735-1 (syntax version 3/4), UN/EDIFACT syntax rules.
 */

/** One segment: its tag and its data elements, each a list of components (a simple element has one). */
export type EdiSegment = {
  tag: string;
  elements: string[][];
  /** 1-based position of the segment in the interchange (UNB = 1), for error reports. */
  position: number;
};

/** A segment to write: element values as text, or component lists; positions are assigned by the writer. */
export type EdiSegmentInput = { tag: string; elements: (string | readonly string[])[] };

/** Service characters (UNA): defaults are ISO 9735's `:+.? '`. */
export type EdiServiceCharacters = {
  component: string;
  element: string;
  decimal: string;
  release: string;
  terminator: string;
};

export const DEFAULT_EDI_SERVICE_CHARACTERS: EdiServiceCharacters = { component: ':', element: '+', decimal: '.', release: '?', terminator: "'" };

/** A party in an interchange envelope (UNB S002/S003): identification and its code qualifier (14 = GS1 GLN, ZZZ = mutually defined). */
export type EdiParty = { id: string; qualifier: string };

/**
 * Why a segment or element is wrong. Each maps to a UN/EDIFACT syntax error code (data element 0085) for
 * CONTRL; the text in both languages is `integration.issue.<code>` in the contract's catalogue.
 */
export type EdiIssueCode =
  | 'syntax_error'
  | 'unsupported_charset'
  | 'wrong_recipient'
  | 'missing_segment'
  | 'missing_element'
  | 'invalid_value'
  | 'invalid_date'
  | 'invalid_number'
  | 'count_mismatch'
  | 'reference_mismatch'
  | 'misplaced_segment'
  | 'unsupported_message'
  | 'duplicate_interchange'
  | 'duplicate_message'
  | 'unknown_customer'
  | 'unknown_supplier'
  | 'unknown_item'
  | 'unknown_location'
  | 'unknown_order'
  | 'unknown_shipment'
  | 'order_number_taken';

/** An issue located in the interchange: segment (tag and position), element and component, and why. */
export type EdiIssue = {
  code: EdiIssueCode;
  /** Segment tag, e.g. QTY; null for a problem of the whole interchange text. */
  segmentTag: string | null;
  /** 1-based position in the interchange (UNB = 1); null when unknown. */
  segmentPosition: number | null;
  /** 1-based data element position within the segment; null for the whole segment. */
  elementPosition: number | null;
  /** 1-based component position within the element; null for the whole element. */
  componentPosition: number | null;
  /** Message reference (UNH 0062) the issue belongs to; null for envelope issues. */
  messageReference: string | null;
  /** Parameters of the reason text (value, expected, actual…). */
  params: Record<string, string | number>;
};

/** UN/EDIFACT syntax error codes (data element 0085, ISO 9735 service code list) used in CONTRL. */
export const EDI_SYNTAX_ERROR_CODES: Readonly<Record<EdiIssueCode, string>> = {
  syntax_error: '21', // invalid character(s)
  unsupported_charset: '2', // syntax version or level not supported
  wrong_recipient: '7', // interchange recipient not actual recipient
  missing_segment: '13', // missing
  missing_element: '13',
  invalid_value: '12', // invalid value
  invalid_date: '12',
  invalid_number: '19', // invalid decimal notation
  count_mismatch: '29', // control count does not match number of instances received
  reference_mismatch: '28', // references do not match
  misplaced_segment: '15', // not supported in this position
  unsupported_message: '14', // value not supported in this position
  duplicate_interchange: '26', // duplicate detected
  duplicate_message: '26',
  unknown_customer: '12',
  unknown_supplier: '12',
  unknown_item: '12',
  unknown_location: '12',
  unknown_order: '12',
  unknown_shipment: '12',
  order_number_taken: '26',
};
