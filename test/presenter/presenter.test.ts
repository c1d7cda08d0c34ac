import { describe, expect, it } from 'vitest';
import type { ActorRef, FindingMessage } from '../../src/core/audit/finding-message';
import { FINDING_CODES } from '../../src/core/audit/finding-message';
import { migrateReport } from '../../src/core/audit/migrate-report';
import type { AuditWarning } from '../../src/core/audit/report-types';
import { LANGUAGES, pickLanguage } from '../../src/presenter/languages';
import { createPresenter } from '../../src/presenter/presenter';
import { connoxReport } from '../fixtures/reports/connox-report';

const ACTOR: ActorRef = { kind: 'vendor', name: 'Meta Pixel', legalEntity: 'Meta Platforms Ireland Ltd.', country: 'IE', category: 'advertising' };

/** One message of every code, with values that show up in the text when used. */
const SAMPLES: Record<FindingMessage['code'], FindingMessage> = {
  'undeclared-third-party.unknown': {
    code: 'undeclared-third-party.unknown',
    params: { actor: { kind: 'unknown', name: 'tracker.example', legalEntity: null, country: null, category: null } },
  },
  'undeclared-third-party.vendor': { code: 'undeclared-third-party.vendor', params: { actor: ACTOR } },
  'undeclared-cookie': { code: 'undeclared-cookie', params: { actor: ACTOR, storage: 'localStorage', name: '_fbp_x', processor: 'Meta' } },
  'cookie-lifetime-exceeded': {
    code: 'cookie-lifetime-exceeded',
    params: {
      actor: ACTOR,
      cookie: '_fbp',
      lifetimeDays: 396,
      maxDays: 90,
      attempt: true,
      setByHost: 'www.facebook.com',
      limit: { kind: 'promise', scope: 'all', ref: null, asWritten: 'maximaal 90 dagen' },
    },
  },
  'cookie-lifetime-exceeded.national-recommendation': {
    code: 'cookie-lifetime-exceeded.national-recommendation',
    params: { actor: ACTOR, cookie: '_fbp', lifetimeDays: 730, maxDays: 396, category: 'marketing', authority: 'CNIL' },
  },
  'tracking-before-consent': { code: 'tracking-before-consent', params: { actor: ACTOR, category: 'marketing' } },
  'tracking-after-refusal': { code: 'tracking-after-refusal', params: { actor: ACTOR, category: 'statistics' } },
  'tracking-before-consent.plain-load': { code: 'tracking-before-consent.plain-load', params: { actor: ACTOR, category: 'marketing', requests: 2 } },
  'tracking-after-refusal.plain-load': { code: 'tracking-after-refusal.plain-load', params: { actor: ACTOR, category: 'marketing', requests: 1 } },
  'third-party-cookie-in-first-party-category': {
    code: 'third-party-cookie-in-first-party-category',
    params: { actor: ACTOR, cookie: 'fr', domain: '.facebook.com', categoryId: 'necessary', attempt: false, tension: null },
  },
  'no-cookies-promise.cookie': {
    code: 'no-cookies-promise.cookie',
    params: { service: 'Friendly Captcha', actor: ACTOR, cookie: 'frc', domain: 'example.eu', attempt: false },
  },
  'no-cookies-promise.storage': {
    code: 'no-cookies-promise.storage',
    params: { service: 'Friendly Captcha', key: 'frc_x', area: 'localStorage', allowed: ['frc_sid', 'frc_sc'] },
  },
  'undeclared-third-country-transfer': {
    code: 'undeclared-third-country-transfer',
    params: { actor: { ...ACTOR, country: 'US' }, country: 'US', adequate: false },
  },
  'third-country-transfer.unchecked': {
    code: 'third-country-transfer.unchecked',
    params: { actor: { ...ACTOR, country: 'US' }, country: 'US', adequate: true },
  },
  'ip-anonymisation-missing': { code: 'ip-anonymisation-missing', params: {} },
  'consent-record-retention': {
    code: 'consent-record-retention',
    params: { cookie: 'CookieConsent', tool: 'cookiebot', lifetimeDays: 365, maxDays: 183, period: '6 maanden' },
  },
  'refusal-harder-than-accepting': { code: 'refusal-harder-than-accepting', params: { tool: 'Cybotcookiebot', acceptButtons: 1, settingsButtons: 1 } },
  'consent-tool-mismatch.other-tool': { code: 'consent-tool-mismatch.other-tool', params: { declared: 'cookiebot', seen: ['onetrust', 'didomi'] } },
  'consent-tool-mismatch.not-found': { code: 'consent-tool-mismatch.not-found', params: { declared: 'cookiebot' } },
  'consent-tool-mismatch.no-consent-mode': { code: 'consent-tool-mismatch.no-consent-mode', params: {} },
  'consent-tool-mismatch.no-tc-string': { code: 'consent-tool-mismatch.no-tc-string', params: {} },
  'consent-record-mismatch.granted-after-refusal': {
    code: 'consent-record-mismatch.granted-after-refusal',
    params: { action: 'refuse', tool: 'onetrust', record: 'OptanonConsent', categories: ['marketing', 'statistics'] },
  },
  'consent-record-mismatch.refusal-not-stored': {
    code: 'consent-record-mismatch.refusal-not-stored',
    params: { action: 'withdraw', tools: ['didomi', 'iab-tcf'] },
  },
  'consent-record-mismatch.acceptance-not-stored': { code: 'consent-record-mismatch.acceptance-not-stored', params: { tools: ['cookiebot'] } },
  'google-consent-overclaimed': {
    code: 'google-consent-overclaimed',
    params: { actor: ACTOR, categories: ['marketing', 'statistics'], afterRefusal: true, signal: 'gcs=G111' },
  },
  'policy-declaration-mismatch.processor-only-in-text': { code: 'policy-declaration-mismatch.processor-only-in-text', params: { processor: 'Zendesk' } },
  'policy-declaration-mismatch.processor-only-in-declaration': {
    code: 'policy-declaration-mismatch.processor-only-in-declaration',
    params: { processor: 'Zendesk' },
  },
  'policy-declaration-mismatch.lifetime': {
    code: 'policy-declaration-mismatch.lifetime',
    params: { cookie: '_ga', textDays: 395, declaredDays: 730, limit: { kind: 'text-claim' } },
  },
  'policy-declaration-mismatch.category': {
    code: 'policy-declaration-mismatch.category',
    params: { cookie: '_ga', textCategory: 'statistics', declaredCategory: 'marketing', processor: null },
  },
  'policy-declaration-mismatch.first-party': {
    code: 'policy-declaration-mismatch.first-party',
    params: { cookie: 'NID', category: 'Noodzakelijk', declaredFor: 'google.com' },
  },
  'declared-not-observed': { code: 'declared-not-observed', params: { processor: 'Trustpilot' } },
  'no-policy-model': { code: 'no-policy-model', params: { site: 'shop.example', policyLink: 'https://shop.example/privacy' } },
  legacy: { code: 'legacy', params: { title: 'Old title', explanation: 'Old explanation' } },
};

describe('presenter', () => {
  it.each(LANGUAGES)('%s words every finding code completely (no ICU left over, no key shown)', (lang) => {
    const p = createPresenter(lang);
    for (const code of FINDING_CODES) {
      const f = { message: SAMPLES[code] };
      for (const text of [p.findingTitle(f), p.findingExplanation(f)]) {
        expect(text, `${lang} ${code}`).not.toMatch(/[{}]/);
        expect(text, `${lang} ${code}`).not.toMatch(/^finding\./);
        expect(text.length, `${lang} ${code}`).toBeGreaterThan(3);
      }
    }
  });

  it('puts typed parameters into the words: names, lifetimes with plurals, countries as names', () => {
    const en = createPresenter('en');
    const lifetime = { message: SAMPLES['cookie-lifetime-exceeded'] };
    expect(en.findingTitle(lifetime)).toBe('Cookie “_fbp” lives 396 days, allowed 90 days');
    expect(en.findingExplanation(lifetime)).toContain('A response from www.facebook.com asks the browser to keep');
    expect(en.findingExplanation(lifetime)).toContain('Meta Pixel (Meta Platforms Ireland Ltd., Ireland)');
    expect(en.findingExplanation(lifetime)).toContain('(“maximaal 90 dagen”)');
    const transfer = { message: SAMPLES['undeclared-third-country-transfer'] };
    expect(en.findingTitle(transfer)).toBe('Transfer to United States without a declared safeguard: Meta Pixel');
    expect(createPresenter('de').findingTitle(transfer)).toContain('Vereinigte Staaten');
    expect(createPresenter('nl').findingTitle(transfer)).toContain('Verenigde Staten');
    expect(en.findingExplanation({ message: SAMPLES['consent-tool-mismatch.other-tool'] })).toContain('onetrust and didomi');
  });

  it('words lifetimes: session, whole days from ten, two decimals below, singular and plural', () => {
    const en = createPresenter('en');
    expect(en.lifetime(null)).toBe('session');
    expect(en.lifetime(1)).toBe('1 day');
    expect(en.lifetime(90)).toBe('90 days');
    expect(en.lifetime(1000.4)).toBe('1,000 days');
    expect(en.lifetime(0.5)).toBe('0.5 days');
    expect(en.lifetime(1 / 3)).toBe('0.33 days');
    expect(createPresenter('de').lifetime(1000.4)).toBe('1.000 Tage');
    expect(createPresenter('nl').lifetime(1)).toBe('1 dag');
  });

  it('words the verdict: what was found, nothing found, or nothing checked', () => {
    const en = createPresenter('en');
    expect(en.verdict({ code: 'discrepancies', params: { brokenPromises: 3, undeclaredCompanies: 1 } })).toBe('3 promises broken, 1 undeclared company');
    expect(en.verdict({ code: 'discrepancies', params: { brokenPromises: 1, undeclaredCompanies: 0 } })).toBe('1 promise broken');
    expect(en.verdict({ code: 'discrepancies', params: { brokenPromises: 0, undeclaredCompanies: 2 } })).toBe('2 undeclared companies');
    expect(en.verdict({ code: 'no-discrepancies', params: {} })).toBe('No discrepancies found');
    expect(en.verdict({ code: 'not-checked', params: {} })).not.toMatch(/no discrepancies/i);
    expect(createPresenter('nl').verdict({ code: 'discrepancies', params: { brokenPromises: 1, undeclaredCompanies: 2 } })).toMatch(/^1 .+, 2 /);
  });

  it('words warnings with their counts, in the plural the language needs', () => {
    const en = createPresenter('en');
    const one: AuditWarning = { code: 'third-party-cookies-blocked', params: { count: 1 } };
    const two: AuditWarning = { code: 'third-party-cookies-blocked', params: { count: 2 } };
    expect(en.warning(one)).toContain('refused 1 third-party cookie ');
    expect(en.warning(two)).toContain('refused 2 third-party cookies ');
    const overflow: AuditWarning = {
      code: 'observations-overflowed',
      params: {
        overflow: [
          { kind: 'requests', count: 7 },
          { kind: 'storageKeys', count: 2 },
        ],
      },
    };
    expect(en.warning(overflow)).toContain('7 requests and 2 storage keys');
  });

  it('words the consent state with the granted categories joined as the language joins lists', () => {
    const granted = { necessary: true, preferences: true, statistics: true, marketing: false };
    expect(createPresenter('en').consent({ status: 'partial', granted, since: 1, source: 'cookiebot' })).toBe('Partly accepted: preferences and statistics');
    expect(
      createPresenter('en').consent({ status: 'no-choice', granted: { ...granted, preferences: false, statistics: false }, since: null, source: null }),
    ).toBe('No choice made yet');
  });

  it('picks the reader language by primary subtag and falls back to English', () => {
    expect(pickLanguage(['nl-BE'])).toBe('nl');
    expect(pickLanguage([null, 'pt-BR', 'de_AT.UTF-8'])).toBe('de');
    expect(pickLanguage(['C.UTF-8'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('leaves page-controlled text as text: markup in a value is neither parsed nor dropped', () => {
    const markup = '<b onclick=x>{0}</b>';
    const f = { message: { code: 'declared-not-observed', params: { processor: markup } } as const };
    expect(createPresenter('en').findingTitle(f)).toBe(`Declared but not seen: ${markup}`);
  });
});

describe('migrateReport', () => {
  it('opens a version-1 report: its English sentences are shown as they were', () => {
    const current = connoxReport();
    const v1 = {
      ...current,
      reportVersion: 1,
      findings: current.findings.map(({ message: _m, absence: _a, ...rest }, i) => ({
        ...rest,
        title: `Title ${i}`,
        explanation: `Explanation ${i}`,
        absence: i === 1 ? 'Silent.' : null,
      })),
      warnings: [{ code: 'other-blocker-active', message: '3 request(s) were blocked' }],
      uncheckable: [{ kind: 'retention', summary: 'Retention: orders', clause: current.uncheckable[0]!.clause }],
      summary: { ...current.summary, verdict: '3 promises broken' },
    };
    const migrated = migrateReport(JSON.parse(JSON.stringify(v1)));
    if (!migrated.ok) throw new Error(migrated.reason);
    expect(migrated.migratedFrom).toBe(1);
    const p = createPresenter('nl');
    expect(p.findingTitle(migrated.report.findings[0]!)).toBe('Title 0');
    expect(p.findingExplanation(migrated.report.findings[0]!)).toBe('Explanation 0');
    expect(p.absence(migrated.report.findings[1]!.absence!)).toBe('Silent.');
    expect(p.warning(migrated.report.warnings[0]!)).toBe('3 request(s) were blocked');
    expect(p.uncheckable(migrated.report.uncheckable[0]!)).toBe('Retention: orders');
    expect(p.verdict(migrated.report.summary.verdict)).toBe('3 promises broken');
  });

  it('passes a current report through and refuses an unknown version with the reason', () => {
    const current = connoxReport();
    expect(migrateReport(current)).toEqual({ ok: true, report: current, migratedFrom: null });
    expect(migrateReport({ ...current, reportVersion: 99 })).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown reportVersion 99/) });
    expect(migrateReport('x')).toMatchObject({ ok: false });
  });

  it('says in every language when only the CLI’s DevTools client saw a piece of evidence', () => {
    const consent = { status: 'no-choice', since: null, source: null, granted: null } as never;
    const frame = { frameId: 0, kind: 'top', url: null } as const;
    const seen = { type: 'storage-key', area: 'cacheStorage', key: 'v1', origin: 'https://shop.example', frame, at: 0, consent } as const;
    for (const lang of LANGUAGES) {
      const p = createPresenter(lang);
      const marked = p.evidence({ ...seen, source: 'devtools' }).details;
      expect(marked).toMatch(/DevTools/);
      expect(p.evidence(seen).details).toBe('');
    }
  });
});
