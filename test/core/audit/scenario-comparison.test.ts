import { describe, expect, it } from 'vitest';
import { compareScenarios, scenarioChoice, type ScenarioInput } from '../../../src/core/audit/scenario-comparison';
import type { AuditReport, CookieRow, Finding, ScenarioAction, VendorRow } from '../../../src/core/audit/report-types';
import { connoxReport, FINDINGS, NO_CHOICE_SNAPSHOT, REFUSED_SNAPSHOT } from '../../fixtures/reports/connox-report';

const base = connoxReport();
const ADS = base.vendors[0]!; // Google Ads, marketing
const HOTJAR = base.vendors[1]!; // Hotjar, statistics
const TRUSTPILOT = base.vendors[2]!; // declared, never observed
const GA_COOKIE = base.cookies[0]!; // _ga, Google Analytics
const TRACKING_FINDING = FINDINGS[0]!; // tracking-before-consent against Google Ads

const GA: VendorRow = { ...HOTJAR, key: 'google-analytics', vendorId: 'google-analytics', name: 'Google Analytics', consentCategory: 'statistics' };
const ACCEPTED = { ...REFUSED_SNAPSHOT, status: 'accepted' as const, granted: { necessary: true, preferences: true, statistics: true, marketing: true } };

function against(vendor: VendorRow, ruleId: string): Finding {
  return {
    ...TRACKING_FINDING,
    id: `${ruleId}:${vendor.key}`,
    ruleId,
    subject: { kind: 'vendor', label: vendor.name, vendorId: vendor.vendorId, processorId: null },
  };
}

function scenario(name: string, actions: ScenarioAction[], parts: { vendors: VendorRow[]; findings?: Finding[]; cookies?: CookieRow[] }): ScenarioInput {
  const report: AuditReport = connoxReport({
    vendors: parts.vendors,
    findings: parts.findings ?? [],
    cookies: parts.cookies ?? [],
    ...(actions.length ? { scenario: { name, parts: [], actions } } : {}),
  });
  return { scenario: name, href: `${name}.html`, report };
}

const refuse: ScenarioAction = { action: 'refuse', at: 10, ok: true };
const accept: ScenarioAction = { action: 'accept', at: 10, ok: true };
const withdraw: ScenarioAction = { action: 'withdraw', at: 20, ok: true };

describe('scenarioChoice', () => {
  it('is the last action that was carried out', () => {
    expect(scenarioChoice([])).toBe('no-choice');
    expect(scenarioChoice([accept, withdraw])).toBe('withdrawn');
    expect(scenarioChoice([accept, { ...withdraw, ok: false }])).toBe('accepted');
    expect(scenarioChoice([{ ...refuse, ok: false }])).toBe('no-choice');
  });
});

describe('compareScenarios', () => {
  const comparison = compareScenarios('https://www.connox.nl/', [
    scenario('none', [], { vendors: [ADS, TRUSTPILOT], findings: [against(ADS, 'tracking-before-consent')] }),
    scenario('reject', [refuse], {
      vendors: [{ ...ADS, requests: 2 }],
      findings: [against(ADS, 'tracking-after-refusal'), against(ADS, 'undeclared-third-party')],
      cookies: [{ ...GA_COOKIE, consentAtSet: REFUSED_SNAPSHOT }],
    }),
    scenario('accept', [accept], { vendors: [ADS, GA], cookies: [{ ...GA_COOKIE, consentAtSet: ACCEPTED }] }),
    scenario('revoke', [accept, withdraw], {
      vendors: [ADS, GA],
      findings: [against(ADS, 'tracking-after-refusal')],
      cookies: [{ ...GA_COOKIE, consentAtSet: NO_CHOICE_SNAPSHOT }],
    }),
  ]);

  it('lists each scenario with its choice and the link to its own report', () => {
    expect(comparison.scenarios.map((s) => [s.name, s.choice, s.href])).toEqual([
      ['none', 'no-choice', 'none.html'],
      ['reject', 'refused', 'reject.html'],
      ['accept', 'accepted', 'accept.html'],
      ['revoke', 'withdrawn', 'revoke.html'],
    ]);
  });

  it('gives every observed company a cell per scenario (none where it was not seen), with its violations there', () => {
    expect(comparison.vendors.map((v) => v.name)).toEqual(['Google Ads', 'Google Analytics']);
    const ads = comparison.vendors[0]!;
    expect(ads.cells.map((c) => c?.requests)).toEqual([ADS.requests, 2, ADS.requests, ADS.requests]);
    expect(ads.cells[1]!.rules).toEqual(['tracking-after-refusal', 'undeclared-third-party']);
    expect(comparison.vendors[1]!.cells.map((c) => c === null)).toEqual([true, true, false, false]);
  });

  it('marks tracking before consent, after a refusal and after a withdrawal from the findings, and what ran only once accepted', () => {
    expect(comparison.vendors[0]!.marks).toEqual([
      { code: 'before-consent', scenarios: ['none'] },
      { code: 'after-refusal', scenarios: ['reject'] },
      { code: 'after-withdrawal', scenarios: ['revoke'] },
    ]);
    expect(comparison.vendors[1]!.marks).toEqual([{ code: 'only-after-acceptance', scenarios: ['accept'] }]);
  });

  it("marks a cookie set while its company's category was refused, and one set before any choice", () => {
    const [ga] = comparison.cookies;
    expect(ga).toMatchObject({ name: '_ga', consentCategory: 'statistics' });
    expect(ga!.cells.map((c) => c?.consentAtSet.status ?? null)).toEqual([null, 'refused', 'accepted', 'no-choice']);
    expect(ga!.marks).toEqual([
      { code: 'before-consent', scenarios: ['revoke'] },
      { code: 'after-refusal', scenarios: ['reject'] },
    ]);
  });

  it('marks nothing for a cookie left over from an earlier visit', () => {
    const leftover = compareScenarios('https://www.connox.nl/', [
      scenario('reject', [refuse], { vendors: [GA], cookies: [{ ...GA_COOKIE, preexisting: true }] }),
    ]);
    expect(leftover.cookies[0]!.marks).toEqual([]);
  });
});
