import { describe, expect, it } from 'vitest';
import { nodeData } from '../../../src/data/node-data.ts';
import { dumpPolicy } from '../../../src/core/policy/dump-policy.ts';
import { loadPolicy } from '../../../src/core/policy/load-policy.ts';
import type { PolicyModel, PolicyPromise, Source } from '../../../src/core/policy/schema.ts';
import { connoxYaml, fixture, normalisePolicyText } from './helpers.ts';

const SEED = normalisePolicyText(fixture('connox-privacy-policy-nl.txt'));
const SEED_LOWER = SEED.toLowerCase();
// A quote may skip PDF link artefacts inside a sentence; "[…]" marks the gap.
const OMISSION = ' […] ';

const model = nodeData.models().find((m) => m.id === 'connox') as PolicyModel;

/** Every `source` in the model, with where it sits. */
function allSources(value: unknown, path = ''): Array<{ path: string; source: Source }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => allSources(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const out: Array<{ path: string; source: Source }> = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === 'source') out.push({ path: `${path}.source`, source: v as Source });
    else out.push(...allSources(v, `${path}.${key}`));
  }
  return out;
}

function occursInSeed(quote: string): boolean {
  let from = 0;
  for (const part of normalisePolicyText(quote)
    .split(OMISSION.trim())
    .map((p) => p.trim())) {
    const at = SEED.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

/**
 * Every processor the text names, by model id, with the words the text uses for it. Both
 * directions are checked: a name in the text needs a processor, a processor needs a name.
 */
const PROCESSOR_NAMES: Readonly<Record<string, readonly string[]>> = {
  'google-consent-mode': ['Google Consent Mode'],
  'google-remarketing': ['Google Remarketing Tag'],
  'google-conversion-tracking': ['Google Conversion Tracking'],
  'google-doubleclick': ['DoubleClick'],
  'google-customer-match': ['Customer Match'],
  'google-analytics': ['Google Analytics', 'Universal Analytics'],
  'google-pay': ['Google Pay', 'Google Ireland Limited'],
  youtube: ['Youtube', 'Google LLC'],
  cookiebot: ['Cookiebot'],
  'friendly-captcha': ['Friendly Captcha'],
  hetzner: ['Hetzner'],
  scaleway: ['SCALEWAY'],
  payone: ['PAYONE'],
  paypal: ['PayPal'],
  'apple-pay': ['Apple Pay', 'Apple Inc'],
  'particular-audience': ['Particular Audience', 'Anamantic'],
  trustpilot: ['Trustpilot'],
  zenloop: ['zenloop'],
  exponea: ['Exponea'],
  zendesk: ['Zendesk', 'Zendesc'],
  optilyz: ['optilyz'],
  'partner-company': ['partneronderneming'],
  'credit-institutions': ['kredietinstellingen'],
  'post-and-courier-services': ['koeriersdiensten', 'logistieke bedrijven'],
  'delivery-service': ['bezorgdienst'],
  manufacturers: ['reserveonderdelen'],
  dropshippers: ['dropshippers'],
  'it-service-providers': ['datacentra'],
  'hosting-providers': ['dienstverleners voor de hosting'],
  'customer-service-providers': ['op het gebied van klantenservice'],
  'payment-service-providers': ['aanbieders van betalingsdiensten'],
  'mailing-providers': ['Postorderproviders'],
  'fraud-prevention-providers': ['fraudepreventie'],
  'marketing-analytics-providers': ['marketing en webanalyse'],
  'customer-inquiry-providers': ['Dienstverleners voor vragen van klanten'],
  'form-providers': ['weergave van formulieren'],
  'group-companies': ['gelieerde bedrijven'],
  'receivables-assignees': ['cessionarissen'],
  'credit-bureaus': ['kredietbureaus'],
};

/** Companies the text names that process no visitor data for Connox (or are Connox). */
const NOT_PROCESSORS = ['Connox GmbH', 'DigiCert', 'Adobe Reader', 'networkadvertising'];

// "<up to three words> <legal form>", e.g. "BS PAYONE GmbH", "Anamantic Pty Ltd".
const COMPANY_RE = /((?:\S+\s+){0,3}\S+)\s+(?:GmbH|Inc\b|LLC|Limited|Pty Ltd|S\.A\.S|A\/S|S\.à r\.l\.)/g;

describe('bundled Connox model', () => {
  it('loads through nodeData.models() without warnings', () => {
    expect(model).toBeDefined();
    const direct = loadPolicy(connoxYaml(), 'connox.yaml');
    expect(direct).toMatchObject({ ok: true, warnings: [] });
    expect(direct.ok && direct.model).toEqual(model);
  });

  it('round-trips through YAML and JSON', () => {
    for (const format of ['yaml', 'json'] as const) {
      const again = loadPolicy(dumpPolicy(model, format), `connox.${format}`, format);
      expect(again.ok && again.model).toEqual(model);
    }
  });

  it('quotes the policy text verbatim in every policy-text source', () => {
    const sources = allSources(model).filter((s) => s.source.origin === 'policy-text');
    expect(sources.length).toBeGreaterThan(150);
    const missing = sources.filter((s) => !occursInSeed(s.source.quote)).map((s) => `${s.path}: ${s.source.quote}`);
    expect(missing).toEqual([]);
    expect(new Set(sources.map((s) => s.source.document))).toEqual(new Set(['privacy-nl']));
  });

  it('has a processor for every processor name found in the text', () => {
    const ids = new Set(model.processors.map((p) => p.id));
    for (const [id, names] of Object.entries(PROCESSOR_NAMES)) {
      const named = names.filter((n) => SEED_LOWER.includes(n.toLowerCase()));
      // Dictionary hygiene: every alias really occurs, so the check cannot pass vacuously.
      expect(named, `aliases of ${id} not in the text`).toEqual(names);
      expect(ids.has(id), `text names ${names.join('/')} but the model has no processor "${id}"`).toBe(true);
    }
  });

  it('has no processor the text does not name', () => {
    const unnamed = model.processors.map((p) => p.id).filter((id) => !(id in PROCESSOR_NAMES));
    expect(unnamed).toEqual([]);
  });

  it('covers every company the text names with a legal form', () => {
    const entities = model.processors.flatMap((p) => (p.legalEntity ? [p.legalEntity.replace(/\.$/, '')] : []));
    const known = [...Object.values(PROCESSOR_NAMES).flat(), ...NOT_PROCESSORS, ...entities].map((a) => a.toLowerCase());
    const companies = [...SEED.matchAll(COMPANY_RE)].map((m) => m[0]);
    expect(companies.length).toBeGreaterThan(15);
    expect(companies.filter((company) => !known.some((k) => company.toLowerCase().includes(k)))).toEqual([]);
  });

  it('uses only shared vendor ids', () => {
    for (const p of model.processors) if (p.vendorId !== null) expect(nodeData.vendorIds().has(p.vendorId), p.id).toBe(true);
    const vendorOf = (id: string) => model.processors.find((p) => p.id === id)?.vendorId;
    expect(vendorOf('google-remarketing')).toBe('google-ads');
    expect(vendorOf('google-conversion-tracking')).toBe('google-ads');
    expect(vendorOf('google-customer-match')).toBe('google-ads');
    expect(vendorOf('exponea')).toBe('bloomreach');
    expect(vendorOf('zendesk')).toBe('zendesk');
  });

  it('states controller, DPO, domains and language', () => {
    expect(model.shop.controller).toMatchObject({
      name: 'Connox GmbH',
      address: ['Krauss-Maffei-Str. 3', '30880 Laatzen', 'Germany'],
      email: 'service@connox.nl',
    });
    expect(model.shop.dpo?.email).toBe('datenschutz@connox.de');
    expect(model.shop.language).toBe('nl');
    expect(model.shop.domains).toEqual(
      expect.arrayContaining([
        'connox.nl',
        'connox.de',
        'connox.com',
        'connox.at',
        'connox.ch',
        'connox.fr',
        'connox.it',
        'connox.es',
        'connox.dk',
        'connox.se',
        'connox.be',
        'connox.co.uk',
      ]),
    );
  });

  it('records the cookie limits as the text states them', () => {
    const limits = model.promises.filter((p): p is Extract<PolicyPromise, { kind: 'max-cookie-lifetime' }> => p.kind === 'max-cookie-lifetime');
    expect(limits.map((l) => [l.scope, l.ref, l.maxDays])).toEqual([
      ['first-party', undefined, 1000],
      ['third-party', undefined, 8036],
      ['processor', 'google-conversion-tracking', 30],
    ]);
    expect(limits[1]?.asWritten).toBe('maximaal 22 jaar');
    const categories = Object.fromEntries(model.cookieCategories.map((c) => [c.id, c]));
    expect(categories.necessary).toMatchObject({ consentRequired: false, firstPartyOnly: true });
    expect(categories.marketing).toMatchObject({ consentRequired: true, legalBasis: [{ article: '6(1)(a)', kind: 'consent' }] });
    expect(categories.permanent?.maxLifetimeDays).toBe(1000);
    expect(categories.session?.maxLifetimeDays).toBe(0);
  });

  it('records Friendly Captcha as cookie-free with four sessionStorage keys', () => {
    const fc = model.processors.find((p) => p.id === 'friendly-captcha');
    expect(fc?.cookies.map((c) => [c.name, c.storage, c.maxLifetimeDays])).toEqual([
      ['frc_sid', 'sessionStorage', 0],
      ['frc_sc', 'sessionStorage', 0],
      ['frc_rc', 'sessionStorage', 0],
      ['frc_sol', 'sessionStorage', 0],
    ]);
    expect(model.promises).toContainEqual(
      expect.objectContaining({
        kind: 'no-cookies',
        processorId: 'friendly-captcha',
        allowedStorageKeys: ['frc_sid', 'frc_sc', 'frc_rc', 'frc_sol'],
        noPersistentStorage: true,
        checkable: true,
      }),
    );
  });

  it('keeps the checkable promises the audit needs', () => {
    const has = (kind: string, extra: Record<string, unknown> = {}) =>
      expect(model.promises, kind).toContainEqual(expect.objectContaining({ kind, checkable: true, ...extra }));
    has('ip-anonymisation', { processorId: 'google-analytics' });
    has('consent-tool', { tool: 'cookiebot' });
    has('consent-mechanism', { mechanism: 'google-consent-mode' });
    has('first-party-only', { categoryId: 'necessary' });
    has('not-shared-with-third-parties', { categoryId: 'necessary' });
    has('consent-before-cookies', { categoryId: 'marketing' });
    has('transport-encryption');
  });

  it('keeps unverifiable statements with checkable=false', () => {
    const unverifiable = (kind: string) => model.promises.filter((p) => p.kind === kind && !p.checkable).length;
    expect(unverifiable('no-sale-of-data')).toBeGreaterThanOrEqual(2);
    expect(unverifiable('retention')).toBeGreaterThanOrEqual(8);
    const rights = new Set(model.promises.flatMap((p) => (p.kind === 'data-subject-right' ? [p.right] : [])));
    expect(rights).toEqual(new Set(['access', 'rectification', 'erasure', 'restriction', 'portability', 'withdraw-consent', 'complaint', 'object']));
  });

  it('flags the legitimate-interest basis of tracking as a tension with marketing consent', () => {
    for (const id of ['google-remarketing', 'google-doubleclick', 'google-conversion-tracking', 'google-analytics']) {
      const p = model.processors.find((x) => x.id === id);
      expect(p?.legalBasis.map((b) => b.kind)).toEqual(['legitimate-interest']);
      expect(p?.tension, id).toMatch(/legitimate interest|6\(1\)\(f\)/);
    }
  });

  it('gives every web-facing service the hosts it is expected to use', () => {
    const hosts = Object.fromEntries(model.processors.map((p) => [p.id, p.hosts]));
    expect(hosts['google-analytics']).toEqual(expect.arrayContaining(['www.google-analytics.com', 'region1.google-analytics.com', 'analytics.google.com']));
    expect(hosts['google-consent-mode']).toEqual(['www.googletagmanager.com']);
    expect(hosts.cookiebot).toEqual(expect.arrayContaining(['consent.cookiebot.com', 'consentcdn.cookiebot.com']));
    expect(hosts.zendesk).toEqual(expect.arrayContaining(['static.zdassets.com', '*.zendesk.com']));
    expect(hosts.optilyz).toEqual([]);
    for (const p of model.processors) {
      if (p.kind === 'service' && p.checkable) expect(p.hosts.length, p.id).toBeGreaterThan(0);
    }
  });
});
