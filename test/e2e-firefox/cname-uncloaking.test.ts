import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startFirefoxHarness, type FirefoxHarness } from './firefox-harness';
import { CDN_HOST, CLOAKED_CANONICAL, CLOAKED_HOST, CNAME_SHOP, startCnameShop, type CnameShop } from '../fixtures/cname/server';
import type { TabState } from '../../src/core/observe/tab-state';
import type { AuditReport } from '../../src/core/audit/report-types';
import { CANONICAL_NAME_LOOKUPS_KEY } from '../../src/messaging/settings-keys';

/**
 * A shop whose metrics subdomain is CNAMEd into Adobe's omtrdc.net. Firefox resolves the
 * shop's names itself, through the fixture's DNS-over-HTTPS resolver (TRR only, mode 3), and
 * connects to them directly (not through the harness's proxy). With DNS over HTTPS, Firefox's
 * cache holds no canonical name for the page's own lookups, so by default (cache only) the
 * extension finds none and asks nothing; with the opt-in resolver lookups it asks once per host.
 */
describe('Firefox: CNAME-cloaked tracker on a shop subdomain', () => {
  let shop: CnameShop;
  let harness: FirefoxHarness;

  /** Visits the shop in a new tab; the tab state and report once settled, and the DNS questions asked meanwhile. */
  async function visitShop(): Promise<{ state: TabState | null; report: AuditReport | null; questions: string[]; page: Page }> {
    const before = shop.questions.length;
    const page = await harness.newPage();
    await page.goto(`https://${CNAME_SHOP}:${shop.port}/`, { waitUntil: 'load', timeout: 40_000 });
    const tabId = await harness.tabIdOf(page);
    const state = await harness.settledTabState(tabId);
    const report = await harness.report(tabId);
    return { state, report, questions: shop.questions.slice(before), page };
  }
  const setLookups = (mode: 'cache' | 'resolver') =>
    harness.inExtension((arg) => chrome.storage.local.set({ [arg.key]: arg.mode }), { key: CANONICAL_NAME_LOOKUPS_KEY, mode });

  beforeAll(async () => {
    shop = await startCnameShop();
    harness = await startFirefoxHarness({
      prefs: {
        'network.trr.mode': 3,
        'network.trr.uri': `https://127.0.0.1:${shop.port}/dns-query`,
        'network.trr.custom_uri': `https://127.0.0.1:${shop.port}/dns-query`,
        'network.trr.allow-rfc1918': true,
        'network.trr.confirmationNS': 'skip',
        'network.proxy.no_proxies_on': '.cname-shop.nl, 127.0.0.1',
        // Each visit resolves afresh, as a first visit does.
        'network.dnsCacheExpiration': 1,
      },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await shop?.close();
  });

  it('by default reads the DNS cache only: no query of its own, and here (DNS over HTTPS) no canonical name', async () => {
    await setLookups('cache');
    const { state, report, questions, page } = await visitShop();
    await page.close();
    const metricsA = questions.filter((q) => q === `${CLOAKED_HOST} 1`);
    expect(metricsA, 'only the page’s own lookup of the cloaked host').toHaveLength(1);
    expect(state?.canonicalNames).toEqual({});
    // The host stays the shop's (the s_ecid cookie is still Adobe's, by the name Adobe documents).
    const cloakedEvidence = report?.findings.flatMap((f) => f.evidence).filter((e) => e.type === 'request' && e.host === CLOAKED_HOST);
    expect(cloakedEvidence).toEqual([]);
  });

  it('with resolver lookups on, attributes the cloaked subdomain to Adobe Analytics with the canonical name in the evidence, and keeps the CDN subdomain the shop', async () => {
    await setLookups('resolver');
    const { state, report, questions } = await visitShop();
    expect(questions.filter((q) => q === `${CLOAKED_HOST} 1`).length, 'the page’s lookup and at most one of ours').toBeLessThanOrEqual(2);
    expect(state?.canonicalNames).toMatchObject({ [CLOAKED_HOST]: CLOAKED_CANONICAL });
    expect(report?.vendors.map((v) => v.vendorId)).toContain('adobe-analytics');
    const evidence = report?.findings.flatMap((f) => f.evidence).find((e) => e.type === 'request' && e.host === CLOAKED_HOST);
    expect(evidence).toMatchObject({ note: { code: 'cname-cloaked', params: { canonicalName: CLOAKED_CANONICAL } } });
    expect(report?.findings.flatMap((f) => f.evidence).some((e) => e.type === 'request' && e.host === CDN_HOST)).toBe(false);
    expect(report?.warnings.map((w) => w.code)).not.toContain('canonical-names-unresolved');
  });
});
