import { beforeAll, describe, expect, it } from 'vitest';
import { SHOP, startFirefoxHarness, type FirefoxHarness } from './firefox-harness';
import { settle, startHarness } from '../e2e/harness';
import type { AuditReport } from '../../src/core/audit/report-types';
import type { Variant } from '../fixtures/storefront/types';

/** Rule id and subject of every finding: what must be the same in both browsers. */
function findingKeys(report: AuditReport): string[] {
  return report.findings.map((f) => `${f.ruleId} / ${f.subject.label}`).sort();
}

async function firefoxReport(variant: Variant): Promise<AuditReport> {
  const harness: FirefoxHarness = await startFirefoxHarness({ variant });
  try {
    const page = await harness.newPage();
    await harness.visit(page, `${SHOP}/`);
    const tabId = await harness.tabIdOf(page);
    await harness.settledTabState(tabId);
    const report = await harness.report(tabId);
    if (!report) throw new Error('no report from Firefox');
    return report;
  } finally {
    await harness.close();
  }
}

async function chromiumReport(variant: Variant): Promise<AuditReport> {
  const harness = await startHarness({ variant });
  try {
    const page = await harness.session.context.newPage();
    await page.goto(`${SHOP}/`);
    await settle(page);
    const report = await harness.session.report(await harness.session.tabIdOf(page));
    if (!report) throw new Error('no report from Chromium');
    return report;
  } finally {
    await harness.close();
  }
}

describe('audit of the planted storefront in Firefox and in Chromium', () => {
  let firefox: AuditReport;
  let chromium: AuditReport;
  beforeAll(async () => {
    // One after the other: two browsers at once on two shared cores would only measure the machine.
    firefox = await firefoxReport('planted');
    chromium = await chromiumReport('planted');
  });

  it('gives the same findings (rule and subject) in both browsers', () => {
    expect(firefox.findings.length).toBeGreaterThan(5);
    expect(findingKeys(firefox)).toEqual(findingKeys(chromium));
    expect(firefox.summary.verdict).toEqual(chromium.summary.verdict);
  });

  it('reports the planted discrepancies with the same evidence kinds as Chromium', () => {
    const hotjar = firefox.findings.find((f) => f.ruleId === 'undeclared-third-party' && f.subject.label === 'Hotjar');
    expect(hotjar?.attribution).toMatchObject({ legalEntity: 'Hotjar Ltd', country: 'MT' });
    const frc = firefox.findings.find((f) => f.ruleId === 'no-cookies-promise-broken' && f.subject.label === 'frc_sid');
    expect(frc?.evidence.find((e) => e.type === 'cookie-attempt')).toMatchObject({ domain: 'eu-api.friendlycaptcha.eu', party: 'third' });
    expect(firefox.consent.now.status).toBe('no-choice');
    expect(firefox.policy).toMatchObject({ id: 'connox', origin: 'bundled' });
  });
});

describe('audit of the clean storefront in Firefox', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await firefoxReport('clean');
  });

  it('finds no violation without a consent choice', () => {
    expect(report.consent.now.status).toBe('no-choice');
    expect(report.findings.filter((f) => f.kind === 'violation')).toEqual([]);
  });
});
