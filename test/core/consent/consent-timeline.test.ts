import { describe, expect, it } from 'vitest';
import { NO_CHOICE, type ConsentObservation } from '../../../src/core/consent/consent-state';
import { ConsentTimeline } from '../../../src/core/consent/consent-timeline';

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
