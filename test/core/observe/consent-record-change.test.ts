import { describe, expect, it } from 'vitest';
import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import { RecentCookieChanges } from '../../../src/core/observe/recent-cookie-changes';
import { fromBrowserCookie } from '../../../src/core/observe/normalise-cookie';
import { outcomeFromStorageReading, readConsentRecordChange } from '../../../src/core/observe/consent-record-change';
import { parseTabState } from '../../../src/core/observe/tab-state-schema';
import { CONSENT_RECORD_ADAPTERS } from '../../../src/core/consent/records/record-adapters';
import { ConsentTimeline } from '../../../src/core/consent/consent-timeline';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const ACCEPTED = encodeURIComponent("{stamp:'x',necessary:true,preferences:true,statistics:true,marketing:true,method:'explicit',ver:1,utc:1,region:'nl'}");
const REFUSED = encodeURIComponent("{stamp:'x',necessary:true,preferences:false,statistics:false,marketing:false,method:'explicit',ver:1,utc:1,region:'nl'}");

function visit(): TabRecorder {
  return TabRecorder.startVisit(7, 'https://www.connox.nl/', T0, { mainRequestId: 'main' });
}

function cookieChange(value: string | null, at: number, carried = false) {
  return readConsentRecordChange({ store: 'cookie', name: 'CookieConsent', value, at, carried });
}

const statusAt = (r: TabRecorder, at: number) => new ConsentTimeline(r.state.consent).at(at).status;

describe('consent records as the browser reports their changes', () => {
  it('ignores cookies no consent tool keeps', () => {
    expect(readConsentRecordChange({ store: 'cookie', name: '_ga', value: 'GA1.1.1.1', at: T0, carried: false })).toBeNull();
  });

  it('a carried record is in force from the first request, a change from its moment', () => {
    const r = visit();
    expect(r.recordConsentRecord(cookieChange(ACCEPTED, T0 + 500)!)).toBe(true);
    // The jar read at visit start answers after the page's own change: it still dates from the start.
    expect(r.recordConsentRecord(cookieChange(REFUSED, T0, true)!, true)).toBe(true);
    expect(statusAt(r, T0)).toBe('refused');
    expect(statusAt(r, T0 + 499)).toBe('refused');
    expect(statusAt(r, T0 + 500)).toBe('accepted');
  });

  it('keeps one observation when the tool rewrites the same record', () => {
    const r = visit();
    r.recordConsentRecord(cookieChange(ACCEPTED, T0 + 100)!);
    expect(r.recordConsentRecord(cookieChange(ACCEPTED, T0 + 900)!)).toBe(false);
    expect(r.state.consent).toHaveLength(1);
  });

  it('dates a change to the earlier of its two reports (click read, cookie event), never before the previous reading', () => {
    const r = visit();
    r.recordConsentRecord(cookieChange(REFUSED, T0 + 100)!);
    // The browser's cookie event arrives first, late; the content script's read at the click second.
    expect(r.recordConsentRecord(cookieChange(ACCEPTED, T0 + 900)!)).toBe(true);
    expect(r.recordConsentRecord(cookieChange(ACCEPTED, T0 + 600)!)).toBe(true);
    expect(statusAt(r, T0 + 599)).toBe('refused');
    expect(statusAt(r, T0 + 600)).toBe('accepted');
    expect(r.state.consent.filter((o) => o.source === 'consent-record')).toHaveLength(2);
    // A later report of the same change, or one that would date it before the refusal, changes nothing.
    expect(r.recordConsentRecord(cookieChange(ACCEPTED, T0 + 950)!)).toBe(false);
    expect(r.recordConsentRecord(cookieChange(ACCEPTED, T0 + 50)!)).toBe(false);
    expect(statusAt(r, T0 + 600)).toBe('accepted');
    expect(statusAt(r, T0 + 99)).not.toBe('accepted');
  });

  it('removing a record that held a choice withdraws it from that moment; removing one that held none changes nothing', () => {
    const empty = visit();
    expect(empty.recordConsentRecord(cookieChange(null, T0 + 50)!)).toBe(false);
    expect(empty.state.consent).toEqual([]);
    const r = visit();
    r.recordConsentRecord(cookieChange(ACCEPTED, T0 + 100)!);
    expect(r.recordConsentRecord(cookieChange(null, T0 + 700)!)).toBe(true);
    expect(r.recordConsentRecord(cookieChange(null, T0 + 800)!)).toBe(false);
    expect(statusAt(r, T0 + 699)).toBe('accepted');
    expect(statusAt(r, T0 + 700)).toBe('refused');
    expect(r.state.consent.at(-1)).toMatchObject({ phase: 'withdraw', source: 'consent-record', tool: 'cookiebot', detail: 'record removed' });
  });

  it('keeps an unreadable record as a note (once, bounded), never as a choice, and it survives storage', () => {
    const r = visit();
    const unreadable = cookieChange('%E0%A4%A', T0 + 10)!;
    expect(unreadable).toMatchObject({ kind: 'note', note: { reading: 'unreadable' } });
    expect(r.recordConsentRecord(unreadable)).toBe(true);
    expect(r.recordConsentRecord(cookieChange('%E0%A4%A', T0 + 20)!)).toBe(false);
    expect(r.state.consent).toEqual([]);
    expect(r.state.consentRecordNotes).toEqual([
      { tool: 'cookiebot', store: 'cookie', name: 'CookieConsent', at: T0 + 10, reading: 'unreadable', reason: expect.any(String) },
    ]);
    const { meta } = r.takeChanges();
    expect(parseTabState(meta, [])?.consentRecordNotes).toHaveLength(1);
    for (let i = 0; i < 80; i += 1)
      r.recordConsentRecord({
        kind: 'note',
        note: { tool: 'cookiebot', store: 'cookie', name: `CookieConsent${i}`, at: T0, reading: 'unreadable', reason: `r${i}` },
      });
    expect(r.state.consentRecordNotes!.length).toBeLessThanOrEqual(50);
  });

  it('gives the reading to the visits the cookie itself is routed to, never to a visit of another site', () => {
    const changes = new RecentCookieChanges();
    const shop = visit();
    const other = TabRecorder.startVisit(8, 'https://www.example.org/', T0, { mainRequestId: 'other' });
    const attributes = fromBrowserCookie(
      {
        name: 'CookieConsent',
        value: ACCEPTED,
        domain: 'www.connox.nl',
        path: '/',
        hostOnly: true,
        secure: true,
        httpOnly: false,
        sameSite: 'lax',
        session: false,
      },
      T0 + 300,
    );
    changes.route({ attributes, removed: false, at: T0 + 300, consentRecord: cookieChange(ACCEPTED, T0 + 300) }, [shop, other]);
    expect(shop.state.consent).toHaveLength(1);
    expect(shop.state.cookies[Object.keys(shop.state.cookies)[0]!]?.valueLength).toBe(ACCEPTED.length);
    expect(JSON.stringify(shop.state)).not.toContain(ACCEPTED);
    expect(other.state.consent).toEqual([]);
    // A third party's cookie of the same name, routed to the shop's visit as a cookie, is not the shop's choice.
    const thirdParty = visit();
    thirdParty.recordRequest({
      requestId: 'w',
      method: 'GET',
      type: 'sub_frame',
      frameId: 3,
      parentFrameId: 0,
      tabId: 7,
      timeStamp: T0 + 5,
      url: 'https://widget.example.com/',
    });
    const widget = fromBrowserCookie(
      {
        name: 'CookieConsent',
        value: ACCEPTED,
        domain: 'widget.example.com',
        path: '/',
        hostOnly: true,
        secure: true,
        httpOnly: false,
        sameSite: 'none',
        session: false,
      },
      T0 + 300,
    );
    expect(changes.route({ attributes: widget, removed: false, at: T0 + 300, consentRecord: cookieChange(ACCEPTED, T0 + 300) }, [thirdParty])).toEqual([
      thirdParty,
    ]);
    expect(thirdParty.state.consent).toEqual([]);
  });
});

describe('Web Storage readings from the content script', () => {
  const observation = {
    kind: 'consent' as const,
    at: T0,
    source: 'consent-record' as const,
    tool: 'cookiebot' as const,
    phase: 'update' as const,
    granted: { marketing: true },
    explicit: true,
    detail: null,
  };

  it('refuses a reading for a key no consent tool keeps in that store', () => {
    expect(
      outcomeFromStorageReading({ store: 'localStorage', name: 'CookieConsent', at: T0, carried: false, reading: { kind: 'choice', observation } }, T0, T0 + 1),
    ).toBeNull();
  });

  const owned = CONSENT_RECORD_ADAPTERS.flatMap((a) =>
    a.records.filter((r) => r.store !== 'cookie').map((r) => ({ tool: a.tool, store: r.store as 'localStorage' | 'sessionStorage', name: r.name })),
  );
  it.skipIf(owned.length === 0)('accepts a reading only for the adapter that owns the key, dated within the visit', () => {
    const record = owned[0]!;
    const other = CONSENT_RECORD_ADAPTERS.find((a) => a.tool !== record.tool)?.tool ?? 'other';
    const reading = (tool: typeof record.tool) => ({ kind: 'choice' as const, observation: { ...observation, tool, source: 'cookiebot' as const } });
    expect(outcomeFromStorageReading({ ...record, at: T0, carried: false, reading: reading(other) }, T0, T0 + 1)).toBeNull();
    const late = outcomeFromStorageReading({ ...record, at: T0 + 10_000, carried: false, reading: reading(record.tool) }, T0, T0 + 5);
    expect(late).toMatchObject({ kind: 'choice', observation: { at: T0 + 5, source: 'consent-record', record: { store: record.store, name: record.name } } });
    const carried = outcomeFromStorageReading({ ...record, at: T0 + 400, carried: true, reading: reading(record.tool) }, T0, T0 + 500);
    expect(carried).toMatchObject({ kind: 'choice', observation: { at: T0 } });
  });
});
