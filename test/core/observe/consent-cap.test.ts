import { describe, expect, it } from 'vitest';
import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import { TAB_LIMITS } from '../../../src/core/observe/limits';
import type { ConsentObservation } from '../../../src/core/consent/consent-state';

const T0 = 1_700_000_000_000;

function pageDefault(at: number, analytics: boolean): ConsentObservation {
  return {
    kind: 'consent',
    at,
    source: 'google-consent-mode',
    tool: null,
    phase: 'default',
    granted: { statistics: analytics },
    explicit: false,
    detail: null,
  };
}

function refusalRecord(at: number): ConsentObservation {
  return {
    kind: 'consent',
    at,
    source: 'consent-record',
    tool: 'cookiebot',
    phase: 'update',
    granted: { preferences: false, statistics: false, marketing: false },
    explicit: true,
    detail: null,
    record: { store: 'cookie', name: 'CookieConsent' },
  };
}

describe('consent signals under a flood', () => {
  it("keeps one of 600 identical page defaults, and the consent tool's refusal after them", () => {
    const r = TabRecorder.startVisit(1, 'https://shop.example/', T0);
    for (let i = 0; i < 600; i += 1) r.recordConsent(pageDefault(T0 + i, false));
    r.recordConsent(refusalRecord(T0 + 1_000));
    expect(r.state.consent.filter((o) => o.source === 'google-consent-mode')).toHaveLength(1);
    expect(r.state.consent.at(-1)?.source).toBe('consent-record');
    // Repeats lose nothing: they are not overflow.
    expect(r.state.overflow.consent).toBe(0);
  });

  it('caps 600 changing page defaults per source, keeping the first ones and the latest, and still records the refusal', () => {
    const r = TabRecorder.startVisit(1, 'https://shop.example/', T0);
    for (let i = 0; i < 600; i += 1) r.recordConsent(pageDefault(T0 + i, i % 2 === 1));
    r.recordConsent(refusalRecord(T0 + 1_000));
    const page = r.state.consent.filter((o) => o.source === 'google-consent-mode');
    expect(page).toHaveLength(TAB_LIMITS.consentPerSource);
    expect(page[0]?.at).toBe(T0);
    expect(page.at(-1)?.at).toBe(T0 + 599);
    expect(page.at(-2)?.at).toBe(T0 + TAB_LIMITS.consentPerSource - 2);
    expect(r.state.consent.some((o) => o.source === 'consent-record' && o.explicit)).toBe(true);
    expect(r.state.overflow.consent).toBe(600 - TAB_LIMITS.consentPerSource);
  });

  it('keeps every source within the total cap, each at its own per-source cap', () => {
    const sources: ConsentObservation['source'][] = ['consent-record', 'cookiebot', 'iab-tcf', 'google-consent-mode', 'google-request', 'visitor-action'];
    expect(sources.length * TAB_LIMITS.consentPerSource).toBeLessThanOrEqual(TAB_LIMITS.consent);
    const r = TabRecorder.startVisit(1, 'https://shop.example/', T0);
    let at = T0;
    for (const source of sources) for (let i = 0; i < 200; i += 1) r.recordConsent({ ...pageDefault((at += 1), i % 2 === 0), source });
    for (const source of sources) {
      const kept = r.state.consent.filter((o) => o.source === source);
      expect(kept, source).toHaveLength(TAB_LIMITS.consentPerSource);
      expect(kept.at(-1)?.at, source).toBe(Math.max(...kept.map((o) => o.at)));
    }
  });
});
