import { describe, expect, it } from 'vitest';
import { NO_CHOICE, type ConsentObservation, type ConsentRecordStore } from '../../../src/core/consent/consent-state';
import { ConsentTimeline } from '../../../src/core/consent/consent-timeline';
import { readConsentRecord } from '../../../src/core/consent/records/record-adapters';
import { base64 } from './records/record-fixture';
import { tcString } from './records/tc-string';

const T = 1_000_000;

function obs(over: Partial<ConsentObservation> & { at: number }): ConsentObservation {
  return { kind: 'consent', source: 'cookiebot', tool: 'cookiebot', phase: 'update', granted: {}, explicit: true, detail: null, ...over };
}
const accept = (at: number) => obs({ at, granted: { preferences: true, statistics: true, marketing: true } });
const decline = (at: number) => obs({ at, granted: { preferences: false, statistics: false, marketing: false } });

describe('ConsentTimeline', () => {
  it('is no-choice before any signal and when there are none', () => {
    const empty = new ConsentTimeline([]);
    expect(empty.at(T)).toEqual(NO_CHOICE);
    expect(empty.current()).toEqual(NO_CHOICE);
    expect(empty.allows('necessary', T)).toBe(true);
    expect(empty.allows('marketing', T)).toBe(false);
  });

  it('orders signals by time, whatever the arrival order', () => {
    const tl = new ConsentTimeline([decline(T + 300), accept(T + 100)]);
    expect(tl.observations.map((o) => o.at)).toEqual([T + 100, T + 300]);
    expect(tl.at(T + 200).status).toBe('accepted');
    expect(tl.at(T + 300).status).toBe('refused');
    expect(tl.current()).toMatchObject({ status: 'refused', since: T + 300, source: 'cookiebot' });
  });

  it('puts a change at exactly t in force at t (binary search boundaries)', () => {
    const times = [10, 20, 30, 40, 50].map((d) => T + d);
    const tl = new ConsentTimeline(times.map((t, i) => (i % 2 === 0 ? accept(t) : decline(t))));
    expect(tl.at(T + 9)).toBe(NO_CHOICE);
    times.forEach((t, i) => {
      const expected = i % 2 === 0 ? 'accepted' : 'refused';
      expect(tl.at(t).status).toBe(expected);
      expect(tl.at(t).since).toBe(t);
      expect(tl.at(t + 1).since).toBe(t);
      expect(tl.at(t - 1).since).toBe(i === 0 ? null : times[i - 1]);
    });
    expect(tl.at(Number.MAX_SAFE_INTEGER).since).toBe(T + 50);
  });

  it('takes the last of several signals at the same instant', () => {
    const tl = new ConsentTimeline([accept(T), decline(T)]);
    expect(tl.at(T).status).toBe('refused');
  });

  it('derives accepted / partial / refused from the optional categories', () => {
    const tl = new ConsentTimeline([obs({ at: T, granted: { statistics: true } })]);
    expect(tl.at(T)).toEqual({
      status: 'partial',
      granted: { necessary: true, preferences: false, statistics: true, marketing: false },
      since: T,
      source: 'cookiebot',
    });
    expect(tl.allows('statistics', T)).toBe(true);
    expect(tl.allows('marketing', T)).toBe(false);
  });

  it('turns a withdrawal into refused, whatever it carries', () => {
    const tl = new ConsentTimeline([accept(T), obs({ at: T + 10, phase: 'withdraw', granted: { marketing: true } })]);
    expect(tl.at(T + 10)).toMatchObject({ status: 'refused', granted: { marketing: false, statistics: false, preferences: false } });
  });

  it('ignores defaults and non-explicit signals', () => {
    const tl = new ConsentTimeline([
      obs({ at: T, phase: 'default', granted: { marketing: true, statistics: true, preferences: true } }),
      obs({ at: T + 5, explicit: false, granted: { marketing: true, statistics: true, preferences: true } }),
      obs({ at: T + 6, source: 'google-consent-mode', tool: null, phase: 'default', granted: { marketing: true } }),
    ]);
    expect(tl.at(T + 100)).toEqual(NO_CHOICE);
    expect(tl.observations).toHaveLength(3);
  });

  it('lets a CMP signal outrank Google Consent Mode updates', () => {
    const gcm = obs({ at: T + 10, source: 'google-consent-mode', tool: null, granted: { marketing: true, statistics: true, preferences: true } });
    const withCmp = new ConsentTimeline([gcm, decline(T + 20)]);
    expect(withCmp.at(T + 15)).toEqual(NO_CHOICE);
    expect(withCmp.at(T + 25).status).toBe('refused');
    const tcf = obs({ at: T + 20, source: 'iab-tcf', tool: 'iab-tcf', granted: { marketing: false } });
    expect(new ConsentTimeline([gcm, tcf]).at(T + 15)).toEqual(NO_CHOICE);
  });

  it('uses Google Consent Mode updates when no CMP signal exists', () => {
    const tl = new ConsentTimeline([
      obs({ at: T, source: 'google-consent-mode', tool: null, granted: { marketing: true, statistics: true, preferences: true } }),
    ]);
    expect(tl.at(T)).toMatchObject({ status: 'accepted', source: 'google-consent-mode' });
  });

  it("never takes the visitor's choice from a Google request's gcs echo", () => {
    const tl = new ConsentTimeline([obs({ at: T, source: 'google-request', tool: null, explicit: true, granted: { marketing: true, statistics: true } })]);
    expect(tl.at(T + 1)).toEqual(NO_CHOICE);
  });

  it('does not mutate or depend on the input array', () => {
    const input = [decline(T + 2), accept(T + 1)];
    const tl = new ConsentTimeline(input);
    input.length = 0;
    expect(input).toEqual([]);
    expect(tl.current().status).toBe('refused');
  });
});

describe('ConsentTimeline.at (property)', () => {
  it('equals a linear scan for any set of signals and query times', async () => {
    const fc = await import('fast-check');
    const signal = fc.record({
      at: fc.integer({ min: 0, max: 50 }),
      m: fc.boolean(),
      s: fc.boolean(),
      explicit: fc.boolean(),
      phase: fc.constantFrom('default', 'update', 'withdraw'),
    });
    fc.assert(
      fc.property(fc.array(signal, { maxLength: 12 }), fc.integer({ min: -1, max: 51 }), (signals, q) => {
        const observations = signals.map((x) =>
          obs({ at: x.at, explicit: x.explicit, phase: x.phase as ConsentObservation['phase'], granted: { marketing: x.m, statistics: x.s } }),
        );
        const tl = new ConsentTimeline(observations);
        const sorted = [...observations].sort((a, b) => a.at - b.at);
        const last = sorted.filter((o) => o.at <= q && o.explicit && o.phase !== 'default').at(-1);
        const got = tl.at(q);
        if (!last) return got === NO_CHOICE;
        return got.since === last.at && got.granted.marketing === (last.phase !== 'withdraw' && last.granted.marketing === true);
      }),
    );
  });
});

/** A record read through its tool's adapter: the observation the timeline gets from it. */
function fromRecord(name: string, value: string, over: { at: number; carried?: boolean; store?: ConsentRecordStore }): ConsentObservation {
  const reading = readConsentRecord({ store: over.store ?? 'cookie', name, value, at: over.at, carried: over.carried ?? false });
  if (reading?.kind !== 'choice') throw new Error(`fixture ${name} does not read as a choice: ${JSON.stringify(reading)}`);
  return reading.observation;
}

const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
// One accept-all and one reject-all record per adapter, in each tool's own format.
const TOOLS: { tool: string; accept: [string, string, ConsentRecordStore?]; reject: [string, string, ConsentRecordStore?] }[] = [
  {
    tool: 'cookiebot',
    accept: ['CookieConsent', "{stamp:'a',necessary:true,preferences:true,statistics:true,marketing:true}"],
    reject: ['CookieConsent', "{stamp:'a',necessary:true,preferences:false,statistics:false,marketing:false}"],
  },
  {
    tool: 'onetrust',
    accept: ['OptanonConsent', 'interactionCount=1&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A1%2CC0004%3A1'],
    reject: ['OptanonConsent', 'interactionCount=2&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A0%2CC0004%3A0'],
  },
  { tool: 'iab-tcf', accept: ['euconsent-v2', tcString(ALL)], reject: ['euconsent-v2', tcString([])] },
  {
    tool: 'didomi',
    accept: ['didomi_token', base64('{"purposes":{"enabled":["select_basic_ads","measure_content_performance","create_content_profile"],"disabled":[]}}')],
    reject: ['didomi_token', base64('{"purposes":{"enabled":[],"disabled":["select_basic_ads","measure_content_performance","create_content_profile"]}}')],
  },
  {
    tool: 'usercentrics',
    accept: ['ucData', '{"consent":{"status":"ALL_ACCEPTED","type":"EXPLICIT"}}', 'localStorage'],
    reject: ['ucData', '{"consent":{"status":"ALL_DENIED","type":"EXPLICIT"}}', 'localStorage'],
  },
  {
    tool: 'shopify',
    accept: ['_tracking_consent', encodeURIComponent('{"con":{"CMP":{"a":"1","m":"1","p":"1","s":""}},"v":"2.1"}')],
    reject: ['_tracking_consent', encodeURIComponent('{"con":{"CMP":{"a":"0","m":"0","p":"0","s":""}},"v":"2.1"}')],
  },
  {
    tool: 'borlabs',
    accept: [
      'borlabs-cookie',
      encodeURIComponent('{"consents":{"essential":["borlabs-cookie"],"statistics":["ga"],"marketing":["fb"],"external-media":["yt"]}}'),
    ],
    reject: ['borlabs-cookie', encodeURIComponent('{"consents":{"essential":["borlabs-cookie"]}}')],
  },
  {
    tool: 'cookieyes',
    accept: ['cookieyes-consent', 'consent:yes,action:yes,necessary:yes,functional:yes,analytics:yes,performance:yes,advertisement:yes'],
    reject: ['cookieyes-consent', 'consent:no,action:yes,necessary:yes,functional:no,analytics:no,performance:no,advertisement:no'],
  },
  {
    tool: 'klaro',
    accept: ['klaro', encodeURIComponent('{"googleAnalytics":true,"facebookPixel":true}')],
    reject: ['klaro', encodeURIComponent('{"googleAnalytics":false,"facebookPixel":false}')],
  },
];

describe('ConsentTimeline: returning visitors, with every adapter', () => {
  const visitStart = T;
  const firstRequest = T + 1;

  it.each(TOOLS)('$tool: a record stored by an earlier visit is in force from the first request, whenever it was read', ({ accept }) => {
    // The extension reads the carried record a moment after the first requests went out.
    const carried = fromRecord(accept[0], accept[1], { at: T + 50, carried: true, ...(accept[2] ? { store: accept[2] } : {}) });
    const tl = new ConsentTimeline([carried]);
    expect(tl.at(firstRequest).status).toBe('accepted');
    expect(tl.at(visitStart - 1).status).toBe('accepted');
    expect(tl.at(firstRequest).source).toBe('consent-record');
  });

  it.each(TOOLS)('$tool: a withdrawal during the visit applies from its moment, not before', ({ accept, reject }) => {
    const carried = fromRecord(accept[0], accept[1], { at: visitStart, carried: true, ...(accept[2] ? { store: accept[2] } : {}) });
    const withdrawn = fromRecord(reject[0], reject[1], { at: T + 500, ...(reject[2] ? { store: reject[2] } : {}) });
    const tl = new ConsentTimeline([withdrawn, carried]);
    expect(tl.at(T + 499).status).toBe('accepted');
    expect(tl.at(T + 500)).toMatchObject({ status: 'refused', since: T + 500 });
  });

  it.each(TOOLS)('$tool: a first choice during the visit applies from its moment; before it, no choice', ({ reject }) => {
    const tl = new ConsentTimeline([fromRecord(reject[0], reject[1], { at: T + 300, ...(reject[2] ? { store: reject[2] } : {}) })]);
    expect(tl.at(T + 299)).toBe(NO_CHOICE);
    expect(tl.at(T + 300).status).toBe('refused');
  });

  it('keeps a TCF choice stored by an earlier visit (the tcloaded that was once skipped as a default)', () => {
    const carried = fromRecord('euconsent-v2', tcString([1, 8, 9, 10]), { at: T + 20, carried: true });
    const tl = new ConsentTimeline([carried, obs({ at: T + 30, source: 'google-consent-mode', tool: null, granted: { marketing: true, statistics: true } })]);
    expect(tl.at(firstRequest)).toMatchObject({ status: 'partial', granted: { statistics: true, marketing: false } });
    expect(tl.at(T + 40).granted.marketing).toBe(false);
  });
});

describe('ConsentTimeline: which signal decides', () => {
  const record = (at: number, granted: ConsentObservation['granted'], over: Partial<ConsentObservation> = {}) =>
    obs({ at, source: 'consent-record', tool: 'complianz', granted, record: { store: 'cookie', name: 'x' }, ...over });

  it('lets a stored record outrank page-reported signals, even ones that come later', () => {
    const forged = obs({ at: T + 20, source: 'cookiebot', granted: { marketing: true, statistics: true, preferences: true } });
    const tcf = obs({ at: T + 30, source: 'iab-tcf', tool: 'iab-tcf', granted: { marketing: true, statistics: true, preferences: true } });
    const tl = new ConsentTimeline([record(T + 10, { marketing: false, statistics: false, preferences: false }), forged, tcf]);
    expect(tl.at(T + 40)).toMatchObject({ status: 'refused', source: 'consent-record' });
  });

  it('uses page-reported signals when the visit has no record', () => {
    const tl = new ConsentTimeline([obs({ at: T + 20, source: 'cookiebot', granted: { marketing: true, statistics: true, preferences: true } })]);
    expect(tl.at(T + 20)).toMatchObject({ status: 'accepted', source: 'cookiebot' });
  });

  it("merges a tool's records category by category (Complianz keeps one cookie per category)", () => {
    const tl = new ConsentTimeline([record(T, { marketing: true }), record(T, { statistics: false }), record(T + 5, { preferences: true })]);
    expect(tl.at(T).granted).toMatchObject({ marketing: true, statistics: false, preferences: false });
    expect(tl.at(T + 5)).toMatchObject({ status: 'partial', granted: { marketing: true, statistics: false, preferences: true } });
    const later = new ConsentTimeline([record(T, { marketing: true }), record(T + 9, { marketing: false })]);
    expect(later.at(T + 9).status).toBe('refused');
  });

  it("keeps OneTrust's categories when OptanonAlertBoxClosed (no categories) comes after OptanonConsent", () => {
    const consent = fromRecord('OptanonConsent', 'interactionCount=1&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A0%2CC0004%3A1', { at: T });
    const closed = fromRecord('OptanonAlertBoxClosed', '2024-03-01T09:11:12.345Z', { at: T + 1 });
    expect(new ConsentTimeline([consent, closed]).at(T + 1).granted).toMatchObject({ statistics: true, preferences: false, marketing: true });
  });

  it("lets the visitor's own action decide from the click: a record granting after a refusal is no consent", () => {
    const refusal = obs({
      at: T + 10,
      source: 'visitor-action',
      tool: null,
      granted: { marketing: false, statistics: false, preferences: false },
      detail: 'refuse',
    });
    const tl = new ConsentTimeline([
      record(T, { marketing: true, statistics: true, preferences: true }),
      refusal,
      record(T + 20, { marketing: true, statistics: true, preferences: true }),
    ]);
    expect(tl.at(T + 5).status).toBe('accepted');
    expect(tl.at(T + 10)).toMatchObject({ status: 'refused', source: 'visitor-action' });
    expect(tl.at(T + 30)).toMatchObject({ status: 'refused', source: 'visitor-action' });
  });

  it('dates a refusal to the first record the tool wrote while the automation ran (the click came before it), not to the call’s return', () => {
    const visitor = (action: 'accept' | 'withdraw', at: number, calledAt: number) =>
      obs({
        at,
        calledAt,
        source: 'visitor-action',
        tool: null,
        phase: action === 'withdraw' ? 'withdraw' : 'update',
        granted: { marketing: action === 'accept', statistics: action === 'accept', preferences: action === 'accept' },
        detail: action,
      });
    const all = { marketing: true, statistics: true, preferences: true };
    const none = { marketing: false, statistics: false, preferences: false };
    const tl = new ConsentTimeline([visitor('accept', T, T), record(T + 5, all), visitor('withdraw', T + 60, T + 20), record(T + 40, none)]);
    expect(tl.at(T + 39).status).toBe('accepted');
    expect(tl.at(T + 40)).toMatchObject({ status: 'refused', source: 'visitor-action' });
    // Without a record inside the call, the refusal still applies from the call's return.
    const unrecorded = new ConsentTimeline([visitor('accept', T, T), visitor('withdraw', T + 60, T + 20), record(T + 90, none)]);
    expect(unrecorded.at(T + 59).status).toBe('accepted');
    expect(unrecorded.at(T + 60).status).toBe('refused');
    // A record inside the call that still grants (the acceptance, read late) dates nothing.
    const lateRead = new ConsentTimeline([visitor('accept', T, T), visitor('withdraw', T + 60, T + 20), record(T + 30, all)]);
    expect(lateRead.at(T + 59).status).toBe('accepted');
    expect(lateRead.at(T + 60).status).toBe('refused');
  });
});
