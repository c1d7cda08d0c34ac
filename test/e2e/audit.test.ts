import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOP, settle, startHarness, type Harness } from './harness';
import type { AuditReport, EvidenceItem, Finding } from '../../src/core/audit/report-types';
import { createPresenter } from '../../src/presenter/presenter';

async function reportFor(harness: Harness, page: Page): Promise<AuditReport> {
  const tabId = await harness.session.tabIdOf(page);
  // Asking for the report audits anything observed since the last audit (and updates the badge).
  await page.waitForTimeout(500);
  const control = await harness.session.context.newPage();
  await control.goto(harness.session.popupUrl(-1));
  const report = (await control.evaluate((id) => chrome.runtime.sendMessage({ type: 'popup/get-report', tabId: id }), tabId)) as AuditReport | null;
  const badge = await control.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  await control.close();
  if (!report) throw new Error('no report');
  const violations = report.findings.filter((f) => f.kind === 'violation').length;
  expect(badge).toBe(violations === 0 ? '' : String(violations));
  return report;
}

function only(report: AuditReport, ruleId: string, subject: string): Finding {
  const matches = report.findings.filter((f) => f.ruleId === ruleId && f.subject.label === subject);
  expect(matches, `${ruleId} for ${subject}; have: ${report.findings.map((f) => `${f.ruleId}/${f.subject.label}`).join(', ')}`).toHaveLength(1);
  return matches[0]!;
}

function expectWellFormedEvidence(finding: Finding, visitStart: number): void {
  expect(finding.evidence.length).toBeGreaterThan(0);
  for (const e of finding.evidence) {
    expect(e.at).toBeGreaterThanOrEqual(visitStart - 1_000);
    expect(e.consent.status).toMatch(/no-choice|accepted|partial|refused/);
  }
}

type CookieEvidence = Extract<EvidenceItem, { type: 'cookie' | 'cookie-attempt' }>;
function isCookieEvidence(e: EvidenceItem): e is CookieEvidence {
  return e.type === 'cookie' || e.type === 'cookie-attempt';
}

const violations = (r: AuditReport) => r.findings.filter((f) => f.kind === 'violation');

describe('audit of the planted storefront (Connox model, no consent choice)', () => {
  let harness: Harness;
  let report: AuditReport;
  let visitStart: number;
  beforeAll(async () => {
    harness = await startHarness({ variant: 'planted' });
    const page = await harness.session.context.newPage();
    visitStart = Date.now();
    await page.goto(`${SHOP}/`);
    await settle(page);
    report = await reportFor(harness, page);
  });
  afterAll(async () => harness?.close());

  it('uses the bundled Connox model and sees no consent choice', () => {
    expect(report.policy).toMatchObject({ id: 'connox', origin: 'bundled', language: 'nl' });
    expect(report.consent.now.status).toBe('no-choice');
    expect(report.consent.tools).toContain('cookiebot');
  });

  it('reports the undeclared vendors with who is behind them', () => {
    const hotjar = only(report, 'undeclared-third-party', 'Hotjar');
    expect(hotjar.attribution).toMatchObject({ legalEntity: 'Hotjar Ltd', country: 'MT' });
    expect(hotjar.evidence.some((e) => e.type === 'request' && e.url === 'https://static.hotjar.com/c/hotjar-3456789.js')).toBe(true);
    expect(hotjar.clause).toBeNull();
    expect(hotjar.absence).toMatchObject({ code: 'no-processor-named', params: { organisation: 'Hotjar' } });
    expectWellFormedEvidence(hotjar, visitStart);
    only(report, 'undeclared-third-party', 'Meta Pixel');
  });

  it('reports the marketing cookie set before consent, with the consent state at that moment', () => {
    const ads = only(report, 'tracking-before-consent', 'Google Ads');
    const cookie = ads.evidence.filter(isCookieEvidence).find((e) => e.name === '_gcl_au');
    expect(cookie?.consent.status).toBe('no-choice');
    expect(cookie?.party).toBe('first');
    expect(ads.clause?.quote).toBeTruthy();
    expect(ads.clause?.language).toBe('nl');
    expectWellFormedEvidence(ads, visitStart);
  });

  it('reports cookies outliving their declared maximum, from what the site asked for', () => {
    const remember = only(report, 'cookie-lifetime-exceeded', 'connox_remember');
    expect(remember.clause?.quote).toContain('maximaal 1000 dagen');
    expect(remember.evidence.some((e) => e.type === 'cookie-attempt' && Math.round(e.lifetimeDays ?? 0) === 1200)).toBe(true);
    const gclAu = only(report, 'cookie-lifetime-exceeded', '_gcl_au');
    expect(gclAu.clause?.quote).toMatch(/30/);
  });

  it('reports the third-party cookie in the necessary category and the broken Friendly Captcha promise', () => {
    const necessary = report.findings.find(
      (f) => f.ruleId === 'third-party-cookie-in-first-party-category' && f.subject.label === 'frc_sid' && f.severity === 'high',
    );
    expect(necessary?.clause?.quote).toContain('Noodzakelijke cookies');
    const frc = only(report, 'no-cookies-promise-broken', 'frc_sid');
    const attempt = frc.evidence.find((e) => e.type === 'cookie-attempt');
    expect(attempt).toMatchObject({
      type: 'cookie-attempt',
      domain: 'eu-api.friendlycaptcha.eu',
      party: 'third',
      // Query values are masked (length and salted hash): the parameter's name stays.
      setBy: expect.stringMatching(/^https:\/\/eu-api\.friendlycaptcha\.eu\/api\/v1\/puzzle\?sitekey=~10\.[0-9a-f]{8}$/),
    });
    expect(frc.clause?.quote).toMatch(/HTTP-cookies/);
  });

  it('does not blame the sessionStorage keys Friendly Captcha is allowed to use', () => {
    expect(report.findings.some((f) => f.subject.kind === 'storage-key' && /^frc_/.test(f.subject.label))).toBe(false);
  });

  it('summarises with a plain verdict and lists claims it cannot check', () => {
    expect(report.summary.verdict).toMatchObject({ code: 'discrepancies', params: { undeclaredCompanies: 2 } });
    expect(createPresenter('en').verdict(report.summary.verdict)).toMatch(/promises? broken, 2 undeclared companies/);
    expect(report.uncheckable.length).toBeGreaterThan(10);
  });
});

describe('consent scenarios on both storefronts', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  async function visit(variant: 'planted' | 'clean' | 'consent-mode-granted', choice: 'none' | 'accept' | 'reject', reload: boolean): Promise<AuditReport> {
    harness = await startHarness({ variant });
    const page = await harness.session.context.newPage();
    await page.goto(`${SHOP}/`);
    await settle(page);
    if (choice !== 'none') {
      await page.click(choice === 'accept' ? '#CybotCookiebotDialogBodyLevelButtonAccept' : '#CybotCookiebotDialogBodyLevelButtonLevelOptinDeclineAll');
      await settle(page);
    }
    if (reload) {
      await page.reload();
      await settle(page);
    }
    return reportFor(harness, page);
  }

  it('clean storefront: no violations without a choice', async () => {
    expect(violations(await visit('clean', 'none', false))).toEqual([]);
  });

  it('clean storefront: no violations after accepting all', async () => {
    const report = await visit('clean', 'accept', false);
    expect(report.consent.now.status).toBe('accepted');
    expect(violations(report)).toEqual([]);
  });

  it('clean storefront: no violations after refusing and reloading', async () => {
    const report = await visit('clean', 'reject', true);
    expect(report.consent.now.status).toBe('refused');
    expect(violations(report)).toEqual([]);
  });

  it('planted storefront, accept: Universal Analytics without IP anonymisation; GA4 not flagged', async () => {
    const report = await visit('planted', 'accept', false);
    const ip = only(report, 'ip-anonymisation-missing', 'Google Analytics');
    expect(ip.evidence.every((e) => e.type === 'request' && e.url.includes('/collect?v=1'))).toBe(true);
    expect(ip.evidence.some((e) => e.type === 'request' && e.url.includes('/g/collect'))).toBe(false);
    // The hits' values are masked but for the allow-listed ones the rule reads: dl= (the page's URL) is not kept.
    for (const hit of ip.evidence) {
      const query = new URL(hit.type === 'request' ? hit.url : '').searchParams;
      expect(query.get('dl'), hit.type).toMatch(/^~\d+\.[0-9a-f]{8}$/);
      expect([query.get('v'), query.get('tid'), query.get('t')]).toEqual(['1', 'UA-1234567-1', 'pageview']);
    }
    expect(report.findings.some((f) => f.ruleId === 'tracking-before-consent' && f.subject.label === 'Google Analytics')).toBe(false);
  });

  it('a shop telling Google "granted" after the refusal its consent tool recorded: reported from the record, not page objects', async () => {
    const report = await visit('consent-mode-granted', 'reject', true);
    expect(report.consent.now).toMatchObject({ status: 'refused', source: 'consent-record' });
    const claimed = only(report, 'google-consent-overclaimed', 'Google Analytics');
    expect(claimed.severity).toBe('critical');
    expect(claimed.message).toMatchObject({ params: { afterRefusal: true, signal: expect.stringContaining('gcs=G111') } });
    expect(claimed.evidence.every((e) => e.type === 'request' && e.url.includes('gcs=G111') && e.consent.status === 'refused')).toBe(true);
    expect(claimed.clause?.quote).toContain('GCM');
  });

  it('planted storefront, reject then reload: tracking keeps running after refusal', async () => {
    const report = await visit('planted', 'reject', true);
    expect(report.consent.now.status).toBe('refused');
    const ads = only(report, 'tracking-after-refusal', 'Google Ads');
    expect(ads.severity).toBe('critical');
    expect(ads.evidence.every((e) => e.consent.status === 'refused')).toBe(true);
  });
});
