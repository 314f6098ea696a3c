import { describe, expect, it } from 'vitest';
import { tokenizeEdifact } from './tokenize-edifact';
import { writeEdifactInterchange } from './write-edifact';
import { validateEdifactEnvelope } from './validate-edifact-envelope';
import { buildEancomOrders, readEancomOrders } from './eancom-orders';

// ISO 9735-1: UNA service string advice (§4), release character (§7.4), syntax identifiers/character sets (annex A).
describe('tokenizeEdifact', () => {
  it('reads UNA service characters other than the defaults, with the release character', () => {
    const { segments, issues, characters } = tokenizeEdifact("UNA#*.! ~\r\nUNB*UNOC#3*A*B*261124#0905*1~\r\nBGM*220*PO!*1!~x*9~");
    expect(issues).toEqual([]);
    expect(characters).toMatchObject({ component: '#', element: '*', release: '!', terminator: '~' });
    expect(segments[1]).toEqual({ tag: 'BGM', elements: [['220'], ['PO*1~x'], ['9']], position: 2 });
  });

  it('keeps empty elements and components in place', () => {
    const { segments } = tokenizeEdifact("UNB+UNOC:3+A+B+261124:0905+1'NAD+BY+5412345000013::9'");
    expect(segments[1]?.elements).toEqual([['BY'], ['5412345000013', '', '9']]);
  });

  it('rejects a lower-case letter under UNOA, located on segment, element and component', () => {
    const { issues } = tokenizeEdifact("UNB+UNOA:3+A+B+261124:0905+1'FTX+AAI+++Cafe'");
    expect(issues.map((i) => [i.code, i.segmentTag, i.segmentPosition, i.elementPosition, i.componentPosition])).toEqual([['syntax_error', 'FTX', 2, 4, 1]]);
  });

  it('accepts Latin-1 under UNOC and any letter under UNOW/UNOY (UTF-8), refuses an unknown syntax identifier', () => {
    expect(tokenizeEdifact("UNB+UNOC:3+A+B+261124:0905+1'FTX+AAI+++Café crème'").issues).toEqual([]);
    expect(tokenizeEdifact("UNB+UNOY:4+A+B+20261124:0905+1'FTX+AAI+++Łódź'").issues).toEqual([]);
    expect(tokenizeEdifact("UNB+UNOC:3+A+B+261124:0905+1'FTX+AAI+++Łódź'").issues[0]?.code).toBe('syntax_error');
    expect(tokenizeEdifact("UNB+XXXX:3+A+B+261124:0905+1'").issues[0]).toMatchObject({ code: 'unsupported_charset', segmentTag: 'UNB', elementPosition: 1 });
  });

  it('reports a missing segment terminator', () => {
    expect(tokenizeEdifact("UNB+UNOC:3+A+B+261124:0905+1'UNZ+0+1").issues[0]).toMatchObject({ code: 'syntax_error', segmentPosition: 2 });
  });

  it('reads back what writeEdifactInterchange wrote (service characters escaped)', () => {
    const order = { orderNumber: "PO+1'?:", orderDate: '2026-11-24', requestedDeliveryDate: '2026-12-01', buyer: { id: '5412345000013', agency: '9' }, supplier: null, deliveryParty: null, currency: 'EUR',
      lines: [{ lineNumber: 1, item: { gtin: '4000862141404', supplierItemCode: 'A:1', buyerItemCode: null }, quantity: '48', requestedDeliveryDate: null, unitPrice: '2.5' }] };
    const text = writeEdifactInterchange({ sender: { id: '5412345000013', qualifier: '14' }, recipient: { id: '4012345000009', qualifier: '14' }, controlReference: '9', preparedDate: '2026-11-24', preparedTime: '10:00', messages: [buildEancomOrders(order, 'M1')] });
    const tokens = tokenizeEdifact(text);
    expect(tokens.issues).toEqual([]);
    const { interchange, issues } = validateEdifactEnvelope(tokens.segments);
    expect(issues).toEqual([]);
    const read = readEancomOrders(interchange.messages[0]!);
    expect(read.issues).toEqual([]);
    expect(read.order?.orderNumber).toBe("PO+1'?:");
    expect(read.order?.lines[0]?.item.supplierItemCode).toBe('A:1');
  });
});
