import type { ConsentObservation } from '../consent-state';
import type { ConsentRecord, ConsentRecordAdapter, ConsentRecordReading } from './record-adapter';
import { boundedValue, isObject, own, parseJsonObject, recordChoice, unreadable } from './record-parsing';

type Granted = ConsentObservation['granted'];

const ALL: Granted = { preferences: true, statistics: true, marketing: true };
const NONE: Granted = { preferences: false, statistics: false, marketing: false };
// The actions Usercentrics records for a visitor's answer (its ConsentActionType).
const ACCEPT_ALL = 'onAcceptAllServices';
const DENY_ALL = 'onDenyAllServices';
const UPDATE = 'onUpdateServices';

/**
 * Usercentrics keeps its record in localStorage, in two formats:
 *
 * - Browser SDK v2 (`uc_settings`): `{"services":[{"id":…,"status":true,"history":[{"action":
 *   "onAcceptAllServices","type":"explicit","status":true,"timestamp":…},…]},…]}`. Services are
 *   named only by template id, so their categories are unknown; the visitor's last action says
 *   what was chosen: accept all, deny all (essential services keep status true), or an update
 *   of single services. `onInitialPageLoad` (type implicit) is the defaults: no choice.
 * - CMP v3 (`ucData`): `{"gcm":{"adStorage":"granted","analyticsStorage":"denied",…},
 *   "consent":{"status":"ALL_ACCEPTED"|"ALL_DENIED"|…,"type":"EXPLICIT"|"IMPLICIT",
 *   "services":{…}}}`: the Consent Mode states it derives say marketing and statistics.
 *
 * A choice over single services that names no category PolicyLens can read is unreadable,
 * never guessed.
 */
export const usercentricsRecord: ConsentRecordAdapter = {
  tool: 'usercentrics',
  records: [
    { store: 'localStorage', name: 'uc_settings' },
    { store: 'localStorage', name: 'ucData' },
  ],
  read(record): ConsentRecordReading {
    const value = boundedValue(record);
    if (value === null) return unreadable('usercentrics', `${record.name} too long`);
    const json = parseJsonObject(value);
    if (!json) return unreadable('usercentrics', `${record.name} is not JSON`);
    return record.name === 'ucData' ? readV3(record, json) : readV2(record, json);
  },
};

function readV2(record: ConsentRecord, json: Record<string, unknown>): ConsentRecordReading {
  const services = own(json, 'services');
  if (!Array.isArray(services)) return unreadable('usercentrics', 'no services in uc_settings');
  let last: { action: string; type: string; timestamp: number } | null = null;
  for (const service of services) {
    const history = isObject(service) ? own(service, 'history') : undefined;
    if (!Array.isArray(history)) continue;
    for (const entry of history) {
      if (!isObject(entry)) continue;
      const action = own(entry, 'action');
      const type = own(entry, 'type');
      const timestamp = own(entry, 'timestamp');
      if (typeof action !== 'string' || typeof type !== 'string' || typeof timestamp !== 'number') continue;
      if (!last || timestamp > last.timestamp) last = { action, type, timestamp };
    }
  }
  if (!last) return unreadable('usercentrics', 'no consent history in uc_settings');
  if (last.type === 'implicit') return { kind: 'no-choice', tool: 'usercentrics' };
  if (last.action === ACCEPT_ALL) return recordChoice(record, 'usercentrics', ALL, { detail: 'accept all' });
  if (last.action === DENY_ALL) return recordChoice(record, 'usercentrics', NONE, { detail: 'deny all' });
  if (last.action === UPDATE) return unreadable('usercentrics', 'choice over single services, whose categories uc_settings does not name');
  return unreadable('usercentrics', 'unknown consent action in uc_settings');
}

function readV3(record: ConsentRecord, json: Record<string, unknown>): ConsentRecordReading {
  const consent = own(json, 'consent');
  const gcm = own(json, 'gcm');
  if (!isObject(consent) && !isObject(gcm)) return unreadable('usercentrics', 'no consent in ucData');
  const type = isObject(consent) ? own(consent, 'type') : undefined;
  const status = isObject(consent) ? own(consent, 'status') : undefined;
  if (typeof type === 'string' && type.toUpperCase() === 'IMPLICIT') return { kind: 'no-choice', tool: 'usercentrics' };
  if (status === 'ALL_ACCEPTED') return recordChoice(record, 'usercentrics', ALL, { detail: 'accept all' });
  if (status === 'ALL_DENIED') return recordChoice(record, 'usercentrics', NONE, { detail: 'deny all' });
  const granted: Granted = {};
  if (isObject(gcm)) {
    const ad = gcmState(own(gcm, 'adStorage'));
    const analytics = gcmState(own(gcm, 'analyticsStorage'));
    if (ad !== null) granted.marketing = ad;
    if (analytics !== null) granted.statistics = analytics;
  }
  if (Object.keys(granted).length === 0) return unreadable('usercentrics', 'choice over single services, whose categories ucData does not name');
  return recordChoice(record, 'usercentrics', granted, { detail: 'consent mode states' });
}

function gcmState(value: unknown): boolean | null {
  return value === 'granted' ? true : value === 'denied' ? false : null;
}
