import type { ConsentObservation } from '../consent-state';
import type { ConsentRecordAdapter, ConsentRecordReading } from './record-adapter';
import { boundedValue, decodeUri, isObject, own, parseJsonObject, recordChoice, unreadable } from './record-parsing';

/**
 * Borlabs Cookie's `borlabs-cookie` cookie: URL-encoded JSON,
 * `{"consents":{"essential":["borlabs-cookie",…],"statistics":["google-analytics"],
 * "marketing":[…],"external-media":["youtube",…]},"uid":…,"version":…}`: the service
 * groups the visitor accepted, each with its services. A group left out was refused.
 * `external-media` (embedded videos and maps, shown once the visitor allows them) counts
 * as preferences: a choice to see embedded content is no consent to advertising.
 * Borlabs writes the cookie only when the visitor answers.
 */
export const borlabsRecord: ConsentRecordAdapter = {
  tool: 'borlabs',
  records: [{ store: 'cookie', name: 'borlabs-cookie' }],
  read(record): ConsentRecordReading {
    const value = boundedValue(record);
    if (value === null) return unreadable('borlabs', 'borlabs-cookie too long');
    const json = parseJsonObject(decodeUri(value) ?? value);
    if (!json) return unreadable('borlabs', 'borlabs-cookie is not JSON');
    const consents = own(json, 'consents');
    if (!isObject(consents)) return unreadable('borlabs', 'no consents in borlabs-cookie');
    const accepted = (group: string): boolean => Array.isArray(own(consents, group));
    const granted: ConsentObservation['granted'] = {
      statistics: accepted('statistics'),
      marketing: accepted('marketing'),
      preferences: accepted('preferences') || accepted('external-media'),
    };
    return recordChoice(record, 'borlabs', granted);
  },
};
