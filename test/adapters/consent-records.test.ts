// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentToBackground } from '../../src/messaging/protocol';

const sent: ContentToBackground[] = [];
vi.mock('../../src/content/runtime', () => ({ notifyBackground: (m: ContentToBackground) => sent.push(m) }));
const { readConsentRecords, watchConsentRecords } = await import('../../src/content/consent-records');

/** Usercentrics' Browser SDK v2 record after "accept all", as its API (no click) writes it. */
const ACCEPTED = JSON.stringify({
  controllerId: 'c0ffee',
  id: 'settings',
  services: [{ id: 'svc', name: 'Service', status: true, history: [{ action: 'onAcceptAllServices', type: 'explicit', status: true, timestamp: 1 }] }],
});

/** The same record after "deny all" (essential services keep status true). */
const DENIED = JSON.stringify({
  controllerId: 'c0ffee',
  id: 'settings',
  services: [{ id: 'svc', name: 'Service', status: false, history: [{ action: 'onDenyAllServices', type: 'explicit', status: false, timestamp: 2 }] }],
});

const recordReadings = () => sent.filter((m) => m.type === 'content/consent-record' && m.name === 'uc_settings');

describe('consent records in Web Storage (content script)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    readConsentRecords(Date.now(), true); // the read at document start: nothing stored (any earlier test's record removed)
    sent.length = 0;
  });
  afterEach(() => {
    vi.clearAllTimers();
    vi.useRealTimers();
  });

  it('reads a record a consent tool writes without any click or key within a quarter second', () => {
    watchConsentRecords();
    localStorage.setItem('uc_settings', ACCEPTED); // e.g. UC_UI.acceptAllConsents() called by a consent automation
    expect(recordReadings()).toHaveLength(0);
    vi.advanceTimersByTime(250);
    const readings = recordReadings();
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ store: 'localStorage', carried: false, reading: { kind: 'choice' } });
  });

  it('reports a rewritten record once, not at every read, while it stays the same', () => {
    watchConsentRecords();
    localStorage.setItem('uc_settings', DENIED);
    vi.advanceTimersByTime(2_000);
    expect(recordReadings()).toHaveLength(1);
    expect(recordReadings()[0]).toMatchObject({ reading: { kind: 'choice', observation: { detail: 'deny all' } } });
  });
});
