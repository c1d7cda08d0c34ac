import type { ConsentObservation } from '../consent-state';
import type { ConsentRecord, ConsentRecordAdapter, ConsentRecordReading } from './record-adapter';
import { boundedValue, decodeUri, recordChoice, unreadable } from './record-parsing';

type Optional = 'preferences' | 'statistics' | 'marketing';

// OneTrust's default cookie categories (group ids are the same in every tenant that keeps
// the default taxonomy). C0001 strictly necessary is always on and not a choice.
const GROUPS: Record<string, Optional> = {
  C0002: 'statistics', // performance cookies
  C0003: 'preferences', // functional cookies
  C0004: 'marketing', // targeting cookies
  C0005: 'marketing', // social media cookies
};
const GROUP = /^([A-Za-z0-9_]+):([01])$/;

/**
 * OneTrust's `OptanonConsent` cookie: a query string,
 * `isGpcEnabled=0&datestamp=…&version=…&interactionCount=1&groups=C0001%3A1%2CC0002%3A0…`,
 * whose `groups` say which cookie categories are on. The cookie exists from the first page
 * view, holding the tenant's defaults: `interactionCount=0` means the visitor has not
 * answered yet (no choice). Groups other than the default five (custom ones, IAB stacks)
 * are not mapped. `OptanonAlertBoxClosed` holds the moment the banner was answered: a
 * choice whose categories are in `OptanonConsent`.
 */
export const onetrustRecord: ConsentRecordAdapter = {
  tool: 'onetrust',
  records: [
    { store: 'cookie', name: 'OptanonConsent' },
    { store: 'cookie', name: 'OptanonAlertBoxClosed' },
  ],
  read(record): ConsentRecordReading {
    const value = boundedValue(record);
    if (value === null) return unreadable('onetrust', `${record.name} too long`);
    return record.name === 'OptanonAlertBoxClosed' ? readAlertBoxClosed(record, value) : readConsent(record, value);
  },
};

function readConsent(record: ConsentRecord, value: string): ConsentRecordReading {
  // Usually only the parameter values are encoded; some sites encode the whole string once more.
  const query = value.includes('=') ? value : decodeUri(value);
  if (query === null || !query.includes('groups=')) return unreadable('onetrust', 'no groups in OptanonConsent');
  const params = new URLSearchParams(query);
  const groups = params.get('groups') ?? '';
  const granted: ConsentObservation['granted'] = {};
  let parsed = 0;
  for (const entry of groups.split(',')) {
    const match = GROUP.exec(entry.trim());
    if (!match) continue;
    parsed += 1;
    const category = GROUPS[match[1] as string];
    // Two groups feed marketing (targeting, social media): granted when either is on.
    if (category) granted[category] = granted[category] === true || match[2] === '1';
  }
  if (parsed === 0) return unreadable('onetrust', 'groups in OptanonConsent do not parse');
  const interactions = params.get('interactionCount');
  if (interactions === '0') return { kind: 'no-choice', tool: 'onetrust' };
  // A count of clicks is no secret; anything else the page put there stays out of the report.
  const count = interactions !== null && /^\d{1,6}$/.test(interactions) ? `interactionCount=${interactions}` : null;
  return recordChoice(record, 'onetrust', granted, { detail: count });
}

function readAlertBoxClosed(record: ConsentRecord, value: string): ConsentRecordReading {
  const text = decodeUri(value) ?? value;
  // An ISO date, e.g. 2024-03-01T10:11:12.345Z; Date.parse reads it without a clock.
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(Date.parse(text))) return unreadable('onetrust', 'OptanonAlertBoxClosed is not a date');
  return recordChoice(record, 'onetrust', {}, { detail: 'banner answered' });
}
