import { decodeTcf } from '../decode-tcf';
import type { ConsentRecordAdapter, ConsentRecordReading } from './record-adapter';
import { boundedValue, decodeUri, recordChoice, unreadable } from './record-parsing';

// A TC string is base64url: letters, digits, '-', '_', and '.' between its segments.
const TC_STRING = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/**
 * The IAB TCF v2.2 TC string as CMPs store it: the `euconsent-v2` cookie (Quantcast Choice,
 * Didomi, Sourcepoint, Cookiebot's TCF mode, consentmanager…) or Web Storage key (Didomi
 * keeps a copy in localStorage), and OneTrust's `eupubconsent-v2` cookie. Decoded with
 * @iabtcf/core; purposes map to categories as decode-tcf.ts documents. A CMP stores a TC
 * string only once the visitor has answered, so there is no "no choice" string: a refusal
 * is a string without purpose consents.
 */
export const iabTcfRecord: ConsentRecordAdapter = {
  tool: 'iab-tcf',
  records: [
    { store: 'cookie', name: 'euconsent-v2' },
    { store: 'localStorage', name: 'euconsent-v2' },
    { store: 'cookie', name: 'eupubconsent-v2' },
  ],
  read(record): ConsentRecordReading {
    const value = boundedValue(record);
    if (value === null) return unreadable('iab-tcf', 'TC string too long');
    // Some CMPs write the cookie URL-encoded, some Web Storage copies JSON-quoted.
    const text = (decodeUri(value) ?? value).trim().replace(/^"(.*)"$/, '$1');
    if (!TC_STRING.test(text)) return unreadable('iab-tcf', 'not a TC string');
    const decoded = decodeTcf(text);
    if (!decoded) return unreadable('iab-tcf', 'TC string does not decode');
    return recordChoice(record, 'iab-tcf', decoded.granted, {
      detail: `cmpId=${decoded.cmpId}`,
      tcf: { cmpId: decoded.cmpId, purposes: decoded.purposeConsents, vendors: decoded.vendorConsents },
    });
  },
};
