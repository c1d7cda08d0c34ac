import type { ConsentObservation } from '../consent-state';
import type { ConsentRecordAdapter, ConsentRecordReading } from './record-adapter';
import { boundedValue, decodeUri, parseJsonObject, recordChoice, unreadable } from './record-parsing';

type Optional = 'preferences' | 'statistics' | 'marketing';

// Klaro's record names services, not categories: each site names its services in its own
// config (`googleAnalytics`, `google-analytics`, `matomo` …). These are the names of common
// tools, lower-cased with everything but letters and digits removed.
const KNOWN: Record<string, Optional> = {
  googleanalytics: 'statistics',
  ga: 'statistics',
  ga4: 'statistics',
  matomo: 'statistics',
  piwik: 'statistics',
  hotjar: 'statistics',
  clarity: 'statistics',
  microsoftclarity: 'statistics',
  mixpanel: 'statistics',
  plausible: 'statistics',
  etracker: 'statistics',
  googleads: 'marketing',
  adsense: 'marketing',
  googleadsense: 'marketing',
  doubleclick: 'marketing',
  facebook: 'marketing',
  facebookpixel: 'marketing',
  metapixel: 'marketing',
  tiktok: 'marketing',
  tiktokpixel: 'marketing',
  pinterest: 'marketing',
  linkedin: 'marketing',
  linkedininsight: 'marketing',
  criteo: 'marketing',
  bingads: 'marketing',
  microsoftads: 'marketing',
  twitter: 'marketing',
  youtube: 'preferences',
  vimeo: 'preferences',
  googlemaps: 'preferences',
};

/**
 * Klaro's `klaro` cookie (or localStorage key, as the site configures `storageMethod`):
 * URL-encoded JSON `{"<service>":true|false,…}`. What can be inferred, and what not:
 * - every service accepted → accepted; every service refused → refused: exact.
 * - a mix: services with a common tool's name (above) give their category, granted when any
 *   of its services is; a category no named service belongs to stays unknown (not granted).
 * - a mix in which no service has a known name: unreadable, since the categories are the
 *   site's config, which the record does not hold.
 * Klaro writes the record once the visitor answers (or, with `default: true` services, on
 * the first visit: still the stored state the site acts on).
 */
export const klaroRecord: ConsentRecordAdapter = {
  tool: 'klaro',
  records: [
    { store: 'cookie', name: 'klaro' },
    { store: 'localStorage', name: 'klaro' },
  ],
  read(record): ConsentRecordReading {
    const value = boundedValue(record);
    if (value === null) return unreadable('klaro', 'klaro too long');
    const json = parseJsonObject(decodeUri(value) ?? value);
    if (!json) return unreadable('klaro', 'klaro is not JSON');
    const services = Object.entries(json).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean');
    if (services.length === 0) return unreadable('klaro', 'no services in klaro');
    const on = services.filter(([, accepted]) => accepted).length;
    if (on === services.length) return recordChoice(record, 'klaro', { preferences: true, statistics: true, marketing: true }, { detail: 'all services' });
    if (on === 0) return recordChoice(record, 'klaro', { preferences: false, statistics: false, marketing: false }, { detail: 'no service' });
    const granted: ConsentObservation['granted'] = {};
    let known = 0;
    for (const [name, accepted] of services) {
      const category = categoryOf(name);
      if (!category) continue;
      known += 1;
      granted[category] = granted[category] === true || accepted;
    }
    if (known === 0) return unreadable('klaro', 'some services accepted, none with a name whose category is known');
    return recordChoice(record, 'klaro', granted, { detail: `partial: ${on} of ${services.length} services, ${known} mapped by name` });
  },
};

function categoryOf(name: string): Optional | null {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return Object.hasOwn(KNOWN, key) ? (KNOWN[key] ?? null) : null;
}
