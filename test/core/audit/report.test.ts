import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_PER_FINDING } from '../../../src/core/audit/evidence';
import { REPORT_VERSION, SEVERITIES } from '../../../src/core/audit/report-types';
import { RULES } from '../../../src/core/audit/rules';
import type { Rule } from '../../../src/core/audit/rule';
import { connox, cookiebotSignal, DAY_MS, run, T0, visit, type VisitBuilder } from './build-visit';
import { title, words } from './words';

const XSS = '<img src=x onerror=alert(1)>';

/** A busy Connox visit touching most rules. */
function busyVisit(): VisitBuilder {
  return visit()
    .cookiebotBanner(20)
    .request('https://consent.cookiebot.com/uc.js', { at: 30 })
    .request('https://www.googletagmanager.com/gtm.js?id=GTM-1', { at: 40 })
    .request('https://connect.facebook.net/en_US/fbevents.js', { at: 100 })
    .request('https://tracker.unknown-example.io/p.gif', { at: 110, type: 'image' })
    .request('https://www.google-analytics.com/collect?v=1&tid=UA-1-1', { at: 120, type: 'image' })
    .request('https://static.hotjar.com/c/hotjar-1.js', { at: 130 })
    .request('https://api-js.mixpanel.com/track', { at: 140 })
    .browserCookie({ name: '_gcl_au', domain: '.connox.nl', hostOnly: false, lifetimeDays: 90 }, { at: 150 })
    .attempt('frc_sid=1; Secure; SameSite=None', { host: 'eu-api.friendlycaptcha.eu', at: 160 })
    .storage('localStorage', 'https://www.connox.nl', ['frc_sol'], { at: 170 })
    .cookiebot({ statistics: true, marketing: false }, 1_000)
    .browserCookie({ name: '_fbp', domain: '.connox.nl', hostOnly: false, lifetimeDays: 90 }, { at: 2_000 });
}

describe('audit report', () => {
  it('is deterministic: the same input gives a deep-equal report, and it survives JSON', () => {
    const a = run(busyVisit());
    const b = run(busyVisit());
    expect(a).toEqual(b);
    const state = busyVisit().state;
    expect(run(state)).toEqual(run(state));
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('does not mutate its input', () => {
    const state = busyVisit().state;
    const before = JSON.parse(JSON.stringify(state));
    run(state);
    expect(JSON.parse(JSON.stringify(state))).toEqual(before);
  });

  it('sorts findings by severity, then rule order, then id', () => {
    const report = run(busyVisit());
    const ranks = report.findings.map((f) => SEVERITIES.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(report.findings[0]).toMatchObject({ severity: 'critical', ruleId: 'tracking-after-refusal' });
    const ruleOrder = RULES.map((r) => r.id);
    for (let i = 1; i < report.findings.length; i += 1) {
      const [p, c] = [report.findings[i - 1]!, report.findings[i]!];
      if (p.severity !== c.severity) continue;
      const [pi, ci] = [ruleOrder.indexOf(p.ruleId), ruleOrder.indexOf(c.ruleId)];
      expect(pi <= ci).toBe(true);
      if (pi === ci) expect(p.id.localeCompare(c.id) <= 0).toBe(true);
    }
    expect(new Set(report.findings.map((f) => f.id)).size).toBe(report.findings.length);
  });

  it('fills header, policy, consent and counts', () => {
    const report = run(busyVisit(), { now: T0 + 99 });
    expect(report).toMatchObject({
      reportVersion: REPORT_VERSION,
      generatedAt: T0 + 99,
      page: { url: 'https://www.connox.nl/', host: 'www.connox.nl', site: 'connox.nl', visitStartedAt: T0 },
      policy: { id: 'connox', title: connox().title, origin: 'bundled', language: 'nl', policyDate: null, policyVersion: null },
      consent: { tools: ['cookiebot'], now: { status: 'partial', since: T0 + 1_000, source: 'cookiebot' } },
      counts: { requests: 8, thirdPartyRequests: 7 },
    });
    expect(report.consent.timeline.map((o) => o.at)).toEqual([T0 + 20, T0 + 1_000]);
  });

  it('summarises: counts per severity, companies vs promises, and a verdict line', () => {
    const report = run(busyVisit());
    const s = report.summary;
    const violations = report.findings.filter((f) => f.kind === 'violation');
    const undeclared = violations.filter((f) => f.ruleId === 'undeclared-third-party').length;
    expect(s.violations).toBe(violations.length);
    expect(s.notices).toBe(report.findings.length - violations.length);
    expect(s.undeclaredCompanies).toBe(undeclared);
    expect(s.brokenPromises).toBe(violations.length - undeclared);
    expect(s.worstSeverity).toBe('critical');
    expect(Object.values(s.bySeverity).reduce((x, y) => x + y, 0)).toBe(report.findings.length);
    expect(s.verdict).toEqual({ code: 'discrepancies', params: { brokenPromises: s.brokenPromises, undeclaredCompanies: undeclared } });
    expect(words.verdict(s.verdict)).toBe(`${s.brokenPromises} promises broken, ${undeclared} undeclared companies`);
  });

  it('uses singular words and the no-discrepancy line', () => {
    const one = run(visit().cookiebot('accept', 1).request('https://tracker.unknown-example.io/p', { at: 5 }));
    expect(words.verdict(one.summary.verdict)).toBe('1 undeclared company');
    const oneBroken = run(visit().cookiebot('accept', 1).browserCookie({ name: 'cx', lifetimeDays: 2000 }, { at: 5 }));
    expect(words.verdict(oneBroken.summary.verdict)).toBe('1 promise broken');
    const clean = run(visit().cookiebot('accept', 1).request('https://static.connox.nl/a.js'));
    expect(clean.summary).toMatchObject({ violations: 0, worstSeverity: null, verdict: { code: 'no-discrepancies' } });
    expect(clean.summary.notices).toBeGreaterThan(0); // declared-not-observed notices do not count as discrepancies
  });

  it('lists vendors: observed undeclared ones first, declared-but-unseen ones after', () => {
    const report = run(busyVisit());
    const meta = report.vendors.find((v) => v.vendorId === 'facebook-pixel');
    expect(meta).toMatchObject({
      declared: false,
      observed: true,
      requests: 1,
      hosts: ['connect.facebook.net'],
      legalEntity: 'Meta Platforms Ireland Limited',
      source: 'catalogue',
    });
    const unknown = report.vendors.find((v) => v.key === 'site:unknown-example.io');
    expect(unknown).toMatchObject({ declared: false, observed: true, confidence: null, hosts: ['tracker.unknown-example.io'] });
    const paypal = report.vendors.find((v) => v.processorId === 'paypal');
    expect(paypal).toMatchObject({ declared: true, observed: false, requests: 0 });
    const firstUnseen = report.vendors.findIndex((v) => !v.observed);
    expect(report.vendors.slice(firstUnseen).every((v) => !v.observed)).toBe(true);
  });

  it('lists cookies with the consent state when they were set', () => {
    const report = run(busyVisit());
    const fbp = report.cookies.find((c) => c.name === '_fbp');
    expect(fbp).toMatchObject({ setBeforeConsent: false, consentAtSet: { status: 'partial' }, vendorId: 'facebook-pixel', stored: true, preexisting: false });
    const gcl = report.cookies.find((c) => c.name === '_gcl_au');
    expect(gcl).toMatchObject({ setBeforeConsent: true, consentAtSet: { status: 'no-choice' } });
    const frc = report.cookies.find((c) => c.name === 'frc_sid');
    expect(frc).toMatchObject({ stored: false, party: 'third' });
    expect(report.storage).toEqual([
      expect.objectContaining({
        area: 'localStorage',
        key: 'frc_sol',
        vendorId: 'friendly-captcha',
        consentAtSet: expect.objectContaining({ status: 'no-choice' }),
      }),
    ]);
  });

  it('keeps claims a browser cannot check in "uncheckable"', () => {
    const report = run(visit());
    expect(report.uncheckable.length).toBeGreaterThan(10);
    expect(report.uncheckable.some((u) => u.kind === 'retention')).toBe(true);
    expect(report.uncheckable.every((u) => u.clause.quote.length > 0)).toBe(true);
    expect(run(visit(), { policy: null }).uncheckable).toEqual([]);
  });
});

describe('audit warnings', () => {
  const codes = (v: VisitBuilder) => run(v).warnings.map((w) => w.code);
  /** Cookiebot's choice as read from its stored CookieConsent record (not page-reported). */
  const fromRecord = (v: VisitBuilder, at: number) =>
    v.consent({ ...cookiebotSignal('accept', T0 + at), source: 'consent-record', record: { store: 'cookie', name: 'CookieConsent' } });

  it('none on a clean, fully observed visit with a consent tool', () => {
    expect(codes(fromRecord(visit(), 10).request('https://static.connox.nl/a.js'))).toEqual([]);
  });

  it('page-reported-consent when a signal of the optional main-world reader was used', () => {
    const w = run(visit().cookiebot('accept', 10)).warnings.find((x) => x.code === 'page-reported-consent');
    expect(w).toEqual({ code: 'page-reported-consent', params: {} });
    expect(words.warning(w!)).toMatch(/forge/);
  });

  it('consent-record-unreadable once per record a consent tool kept but PolicyLens could not read', () => {
    const v = fromRecord(visit(), 10);
    const note = {
      tool: 'cookiebot' as const,
      store: 'cookie' as const,
      name: 'CookieConsent',
      at: T0 + 5,
      reading: 'unreadable' as const,
      reason: 'no consent flags in CookieConsent',
    };
    v.state.consentRecordNotes = [note, { ...note, at: T0 + 9, reason: 'other' }];
    const found = run(v).warnings.filter((x) => x.code === 'consent-record-unreadable');
    expect(found).toEqual([{ code: 'consent-record-unreadable', params: { tool: 'cookiebot', record: 'CookieConsent' } }]);
    expect(words.warning(found[0]!)).toContain('cookiebot');
  });

  it('third-party-cookies-blocked when a third-party Set-Cookie was not stored', () => {
    const v = visit().cookiebot('accept', 10).attempt('uid=1; Max-Age=60; Secure; SameSite=None', { host: 'px.unknown-example.io' });
    const w = run(v).warnings.find((x) => x.code === 'third-party-cookies-blocked');
    expect(w?.params).toEqual({ count: 1 });
    expect(words.warning(w!)).toContain('refused 1 third-party cookie ');
    const stored = visit().cookiebot('accept', 10).attempt('uid=1; Max-Age=60; Secure; SameSite=None', { host: 'px.unknown-example.io', stored: true });
    expect(codes(stored)).not.toContain('third-party-cookies-blocked');
  });

  it('cookies-refused-for-size, not third-party-cookies-blocked, for a cookie over 4,096 bytes', () => {
    const big = `big=${'v'.repeat(5_000)}; Max-Age=60; Secure; SameSite=None`;
    const v = visit().cookiebot('accept', 10).attempt(big, { host: 'px.unknown-example.io' });
    const warnings = run(v).warnings;
    expect(warnings.map((w) => w.code)).not.toContain('third-party-cookies-blocked');
    const w = warnings.find((x) => x.code === 'cookies-refused-for-size');
    expect(w?.params).toEqual({ count: 1 });
    expect(words.warning(w!)).toContain('4,096 bytes');
  });

  it('url-values-kept and page-never-quiet from the conditions the CLI recorded', () => {
    const v = visit().cookiebot('accept', 10);
    expect(codes(v)).not.toContain('url-values-kept');
    v.state.capture = {
      thirdPartyCookies: 'blocked',
      storagePartitioning: 'unknown',
      disabledFeatures: [],
      consentDetection: null,
      devtoolsCounts: {},
      urlValues: 'kept',
      quietStoppedAtMs: 30_000,
    };
    const warnings = run(v).warnings;
    expect(warnings.find((x) => x.code === 'url-values-kept')).toEqual({ code: 'url-values-kept', params: {} });
    const quiet = warnings.find((x) => x.code === 'page-never-quiet');
    expect(quiet?.params).toEqual({ seconds: 30 });
    expect(words.warning(quiet!)).toContain('never went quiet; the audit stopped waiting at 30 s');
  });

  it('preexisting-cookies when the jar already held cookies for the shop', () => {
    const v = visit().cookiebot('accept', 10).browserCookie({ name: 'CookieConsent', lifetimeDays: 300 }, { at: 1, preexisting: true });
    const w = run(v).warnings.find((x) => x.code === 'preexisting-cookies');
    expect(w?.params).toEqual({ count: 1 });
  });

  it('observed-late when the visit was already running', () => {
    expect(codes(fromRecord(visit('https://www.connox.nl/', { observedLate: true }), 10))).toEqual(['observed-late']);
  });

  it('observations-overflowed when the recorder hit a cap, and counts include the overflow', () => {
    const v = visit().cookiebot('accept', 10).request('https://static.connox.nl/a.js');
    v.state.overflow.requests = 7;
    v.state.overflow.storageKeys = 2;
    const report = run(v);
    const overflowed = report.warnings.find((w) => w.code === 'observations-overflowed');
    expect(overflowed?.params).toEqual({
      overflow: [
        { kind: 'requests', count: 7 },
        { kind: 'storageKeys', count: 2 },
      ],
    });
    expect(words.warning(overflowed!)).toContain('7 requests and 2 storage keys');
    expect(report.counts.requests).toBe(2 + 7);
    expect(report.counts.overflow).toMatchObject({ requests: 7, storageKeys: 2 });
  });

  it('other-blocker-active on net::ERR_BLOCKED_BY_CLIENT', () => {
    const v = visit()
      .cookiebot('accept', 10)
      .request('https://connect.facebook.net/x.js', { error: 'net::ERR_BLOCKED_BY_CLIENT' })
      .request('https://static.connox.nl/a.js', { error: 'net::ERR_ABORTED' });
    const w = run(v).warnings.find((x) => x.code === 'other-blocker-active');
    expect(w?.params).toEqual({ count: 1 });
    expect(words.warning(w!)).toMatch(/^1 request was blocked/);
  });

  it('no-consent-tool-detected when there is neither a consent signal nor a consent vendor', () => {
    expect(codes(visit().request('https://static.connox.nl/a.js'))).toEqual(['no-consent-tool-detected']);
    expect(codes(visit().request('https://consent.cookiebot.com/uc.js'))).toEqual([]);
  });
});

describe('evidence bounds and page-controlled text', () => {
  it(`keeps at most ${MAX_EVIDENCE_PER_FINDING} evidence items per finding, earliest first, and counts the rest`, () => {
    const v = visit();
    for (let i = 0; i < MAX_EVIDENCE_PER_FINDING + 5; i += 1) v.request(`https://connect.facebook.net/tr?i=${i}`, { at: 10_000 - i * 10 });
    const f = run(v).findings.find((x) => x.ruleId === 'undeclared-third-party')!;
    expect(f.evidence).toHaveLength(MAX_EVIDENCE_PER_FINDING);
    expect(f.evidenceOmitted).toBe(5);
    const times = f.evidence.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(T0 + 10_000 - (MAX_EVIDENCE_PER_FINDING + 4) * 10);
  });

  it('keeps page-controlled names verbatim as data (no escaping, no dropping)', () => {
    const key = '"><script>alert(1)</script>';
    const url = `https://tracker.unknown-example.io/p?x=${encodeURIComponent('<b>')}&y=<svg/onload=alert(1)>`;
    const v = visit()
      .browserCookie({ name: XSS, domain: 'www.connox.nl', lifetimeDays: 2000 }, { at: 10 })
      .storage('localStorage', 'https://www.connox.nl', [key], { at: 20 })
      .request(url, { at: 30 });
    const report = run(v);
    const lifetime = report.findings.find((f) => f.ruleId === 'cookie-lifetime-exceeded')!;
    expect(lifetime.subject.label).toBe(XSS);
    expect(title(lifetime)).toBe(`Cookie “${XSS}” lives 2,000 days, allowed 1,000 days`);
    expect(lifetime.evidence[0]).toMatchObject({ type: 'cookie', name: XSS });
    expect(report.cookies.map((c) => c.name)).toContain(XSS);
    expect(report.storage.map((s) => s.key)).toEqual([key]);
    const unknown = report.findings.find((f) => f.ruleId === 'undeclared-third-party')!;
    expect(unknown.evidence[0]).toMatchObject({ type: 'request', url });
  });
});

describe('scaling sanity (not a timing test)', () => {
  it('audits a visit with thousands of observations into a bounded report', () => {
    const v = visit().cookiebot('decline', 5);
    for (let i = 0; i < 3_000; i += 1) v.request(`https://t${i % 50}.unknown-example${i % 50}.io/p?i=${i}`, { at: 10 + i });
    for (let i = 0; i < 1_000; i += 1) v.request(`https://connect.facebook.net/tr?i=${i}`, { at: 20 + i });
    for (let i = 0; i < 300; i += 1) v.browserCookie({ name: `c${i}`, domain: 'www.connox.nl', lifetimeDays: 1500 }, { at: 30 + i });
    v.storage(
      'localStorage',
      'https://www.connox.nl',
      Array.from({ length: 300 }, (_, i) => `k${i}`),
      { at: 40 },
    );
    const report = run(v);
    expect(report.counts.requests).toBe(4_001);
    // one finding per unknown site, per vendor, per cookie and limit — never per request
    expect(report.findings.filter((f) => f.ruleId === 'undeclared-third-party')).toHaveLength(51);
    expect(report.findings.filter((f) => f.ruleId === 'cookie-lifetime-exceeded')).toHaveLength(300);
    expect(report.findings.every((f) => f.evidence.length <= MAX_EVIDENCE_PER_FINDING)).toBe(true);
    const meta = report.findings.find((f) => f.id === 'tracking-after-refusal:vendor:facebook-pixel')!;
    expect(meta.evidence.length + meta.evidenceOmitted).toBe(1_000);
    expect(report.cookies).toHaveLength(300);
    expect(report.storage).toHaveLength(300);
  });
});

describe('rule catalogue', () => {
  it('has unique ids, a description and a default severity for every rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.description.length).toBeGreaterThan(10);
      expect(SEVERITIES).toContain(r.defaultSeverity);
    }
    expect(ids).toHaveLength(17);
  });

  it('runs only the rules it is given', () => {
    const only = RULES.filter((r) => r.id === 'no-policy-model');
    expect(run(busyVisit(), { policy: null, rules: only }).findings.map((f) => f.ruleId)).toEqual(['no-policy-model']);
    expect(run(busyVisit(), { rules: [] }).findings).toEqual([]);
  });

  it('measures every time relative to the visit, never the clock', () => {
    const a = run(visit().browserCookie({ name: 'cx', lifetimeDays: 2000 }), { now: T0 + DAY_MS });
    const b = run(visit().browserCookie({ name: 'cx', lifetimeDays: 2000 }), { now: T0 + 365 * DAY_MS });
    expect({ ...a, generatedAt: 0 }).toEqual({ ...b, generatedAt: 0 });
  });
});

describe('a rule that throws', () => {
  it('costs only its own findings: the report stands and a warning names the rule', () => {
    const broken: Rule = {
      id: 'broken-rule',
      description: 'throws on purpose',
      defaultSeverity: 'high',
      check() {
        throw new Error('boom');
      },
    };
    const v = visit().request('https://connect.facebook.net/x.js');
    const report = run(v, { rules: [broken, ...RULES] });
    expect(report.warnings).toContainEqual({ code: 'rule-failed', params: { ruleId: 'broken-rule' } });
    expect(report.findings.some((f) => f.ruleId === 'tracking-before-consent')).toBe(true);
    expect(words.warning(report.warnings.find((w) => w.code === 'rule-failed')!)).toContain('“broken-rule” failed on this page');
  });
});
