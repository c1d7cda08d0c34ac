import { describe, expect, it } from 'vitest';
import { draftPolicy } from '../../../src/core/draft/draft-policy.ts';
import type { PolicyDraft } from '../../../src/core/draft/draft-types.ts';
import { policyModelSchema } from '../../../src/core/policy/schema.ts';
import { nodeData } from '../../../src/data/node-data.ts';
import { connoxText, normalise, occursIn } from './helpers.ts';

const vendors = nodeData.catalogue();

function draft(text: string, name = 'Demo', domains = ['demo.example']): PolicyDraft {
  const result = draftPolicy({ text, vendors, shop: { name, domains } });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.draft;
}

const GERMAN = `Datenschutzerklärung

Verantwortlicher ist die Muster Shop GmbH, Hauptstraße 1, 10115 Berlin, E-Mail: datenschutz@muster.example.

Google Analytics
Wir nutzen Google Analytics, einen Webanalysedienst der Google Ireland Limited, Gordon House, Dublin, Irland, um die Nutzung unserer Website zu analysieren. Rechtsgrundlage ist Ihre Einwilligung gemäß Art. 6 Abs. 1 S. 1 lit. a DSGVO. Die Cookies _ga und _gid werden bis zu 2 Jahre gespeichert. Daten können in die USA übermittelt werden; die Übermittlung stützt sich auf Standardvertragsklauseln.

Zahlung
Bei Zahlung über PayPal geben wir Ihre Zahlungsdaten an die PayPal (Europe) S.à r.l. et Cie, S.C.A., Luxemburg, weiter (Art. 6 Abs. 1 lit. b DSGVO).

Speicherdauer
Bewerbungsunterlagen löschen wir sechs Monate nach Abschluss des Verfahrens.
`;

const ENGLISH = `Privacy Policy

The controller is Example Store Ltd, 1 High Street, London, email privacy@store.example.

Hotjar
We use Hotjar, provided by Hotjar Ltd, Malta, to understand how visitors use our site. The legal basis is Article 6(1)(f) GDPR (our legitimate interest). Hotjar stores the cookie _hjSessionUser_123 for up to 365 days.

Customer support
Support requests are handled with Zendesk, Inc., San Francisco, United States. Transfers rely on the EU-U.S. Data Privacy Framework and standard contractual clauses. We delete support tickets within 13 months.
`;

describe('draftPolicy on the Connox seed', () => {
  const d = draft(connoxText(), 'Connox', ['connox.nl']);

  it('produces a model that validates, in Dutch', () => {
    expect(policyModelSchema.safeParse(d.model).success).toBe(true);
    expect(d.language).toBe('nl');
    expect(d.languageDetected).toBe(true);
  });

  it('quotes the text verbatim in every source', () => {
    const seed = normalise(connoxText());
    const quotes: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === 'source') quotes.push((x as { quote: string }).quote);
          else walk(x);
        }
    };
    walk(d.model);
    expect(quotes.length).toBeGreaterThan(60);
    expect(quotes.filter((q) => !occursIn(seed, q))).toEqual([]);
  });

  it('gives every claim a sentence, offsets into the input and a confidence', () => {
    const text = connoxText();
    expect(d.claims.length).toBeGreaterThan(100);
    for (const c of d.claims) {
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.start).toBeGreaterThanOrEqual(c.sentenceStart);
      expect(c.end).toBeLessThanOrEqual(c.sentenceEnd);
      expect(normalise(text.slice(c.start, c.end))).toBe(normalise(c.matched));
    }
    expect(new Set(d.claims.map((c) => c.extractor))).toEqual(
      new Set([
        'vendor',
        'legal-entity',
        'legal-basis',
        'duration',
        'storage-key',
        'transfer',
        'consent',
        'purpose',
        'data-subject-right',
        'category',
        'promise',
      ]),
    );
  });

  it('matches misspelt and former names to catalogue vendors', () => {
    const zendesk = d.model.processors.find((p) => p.vendorId === 'zendesk');
    expect([zendesk?.name, zendesk?.legalEntity, zendesk?.country]).toEqual(['Zendesk', 'Zendesc Inc.', 'US']);
    expect(d.model.processors.find((p) => p.name === 'Exponea')?.vendorId).toBe('bloomreach');
  });

  it('keeps one processor per vendor section and their own legal bases', () => {
    const ads = d.model.processors.filter((p) => p.vendorId === 'google-ads');
    expect(ads.map((p) => [p.name, p.legalBasis.map((b) => b.article)])).toEqual([
      ['Google Remarketing', ['6(1)(f)']],
      ['Google Conversion Tracking', ['6(1)(f)']],
      ['Google Customer Match', ['6(1)(a)']],
    ]);
    const customerMatch = ads[2];
    expect(customerMatch?.thirdCountryTransfer).toMatchObject({ countries: ['US'], safeguard: 'dpf' });
    // Which further safeguards the text cites, in whatever order its sentences give them.
    expect([...(customerMatch?.thirdCountryTransfer?.alsoCited ?? [])].sort()).toEqual(['consent', 'scc']);
  });

  it('records the Friendly Captcha session-storage keys with a session lifetime', () => {
    const frc = d.model.processors.find((p) => p.vendorId === 'friendly-captcha');
    expect(frc?.cookies.map((c) => [c.name, c.storage, c.maxLifetimeDays])).toEqual([
      ['frc_sid', 'sessionStorage', 0],
      ['frc_sc', 'sessionStorage', 0],
      ['frc_rc', 'sessionStorage', 0],
      ['frc_sol', 'sessionStorage', 0],
    ]);
  });

  it('turns lifetimes into promises with a scope', () => {
    const lifetimes = d.model.promises.flatMap((p) => (p.kind === 'max-cookie-lifetime' ? [[p.scope, p.maxDays, p.asWritten]] : []));
    expect(lifetimes).toEqual([
      ['first-party', 1000, 'maximaal 1000 dagen'],
      ['third-party', 8036, 'maximaal 22 jaar'],
      ['processor', 30, 'na 30 dagen'],
    ]);
  });
});

describe('draftPolicy attachment rules', () => {
  const BLANKET = `Tracking tools

The following tools are used on the basis of Art. 6(1)(f) GDPR.

Hotjar
We use Hotjar to understand how visitors use the site.

Vimeo
We embed Vimeo videos. The legal basis is your consent, Article 6(1)(a) GDPR.

Your rights
You may object at any time.

Mailchimp
We send newsletters with Mailchimp.
`;

  it('applies a forward-looking legal basis to the following vendor sections without one of their own, until a section without vendors', () => {
    const d = draft(BLANKET);
    const bases = Object.fromEntries(d.model.processors.map((p) => [p.vendorId, p.legalBasis.map((b) => b.article)]));
    expect(bases).toEqual({ hotjar: ['6(1)(f)'], vimeo: ['6(1)(a)'], mailchimp: [] });
    const claim = d.claims.find((c) => c.extractor === 'legal-basis' && c.modelPath === 'processors[0].legalBasis[0]');
    expect(claim?.note).toMatch(/following services/);
  });

  it('classifies durations by the words around them (cookie lifetime, retention, other)', () => {
    const d = draft(connoxText(), 'Connox', ['connox.nl']);
    const uses = d.claims.flatMap((c) => (c.extractor === 'duration' ? [[c.matched, c.use]] : []));
    expect(uses).toEqual([
      ['18 uur', 'other'],
      ['zes maanden', 'retention'],
      ['binnen 30 dagen', 'retention'],
      ['maximaal 1000 dagen', 'cookie-lifetime'],
      ['maximaal 22 jaar', 'cookie-lifetime'],
      ['na 30 dagen', 'cookie-lifetime'],
      ['tien jaar', 'retention'],
    ]);
    // "Bereikbaar ma-vr 8-18 uur" is opening hours: no retention or cookie words around it, so 'other' (no promise).
  });

  it('drafts companies the catalogue does not know as services without a vendor id', () => {
    const d = draft(connoxText(), 'Connox', ['connox.nl']);
    expect(d.model.processors.filter((p) => p.vendorId === null).map((p) => [p.legalEntity, p.country, p.checkable])).toEqual([
      ['Hetzner Online GmbH', 'DE', false],
      ['SCALEWAY S.A.S', 'FR', false],
    ]);
  });
});

describe('draftPolicy on a German policy', () => {
  const d = draft(GERMAN, 'Muster Shop', ['muster.example']);

  it('detects German and drafts processors with entity, country and basis', () => {
    expect(d.language).toBe('de');
    expect(d.model.processors.map((p) => [p.vendorId, p.legalEntity, p.country, p.legalBasis.map((b) => b.article)])).toEqual([
      ['google-analytics', 'Google Ireland Limited', 'IE', ['6(1)(a)']],
      ['paypal', 'PayPal (Europe) S.à r.l. et Cie, S.C.A.', 'LU', ['6(1)(b)']],
    ]);
  });

  it('reads cookie names, lifetimes, transfers and retention', () => {
    const ga = d.model.processors[0];
    expect(ga?.cookies.map((c) => [c.name, c.storage, c.maxLifetimeDays])).toEqual([
      ['_ga', 'cookie', 731],
      ['_gid', 'cookie', 731],
    ]);
    expect(ga?.thirdCountryTransfer).toMatchObject({ countries: ['US'], safeguard: 'scc' });
    expect(d.model.promises.filter((p) => p.kind === 'retention').map((p) => p.kind === 'retention' && [p.period, p.periodDays])).toEqual([
      ['sechs Monate', 183],
    ]);
    expect(d.model.shop.controller).toMatchObject({ name: 'Muster Shop GmbH', email: 'datenschutz@muster.example' });
  });
});

describe('draftPolicy on an English policy', () => {
  const d = draft(ENGLISH, 'Example Store', ['store.example']);

  it('drafts Hotjar and Zendesk with bases, storage keys and transfers', () => {
    expect(d.language).toBe('en');
    const [hotjar, zendesk] = d.model.processors;
    expect([hotjar?.vendorId, hotjar?.legalEntity, hotjar?.country, hotjar?.legalBasis.map((b) => b.article)]).toEqual([
      'hotjar',
      'Hotjar Ltd',
      'MT',
      ['6(1)(f)'],
    ]);
    expect(hotjar?.cookies.map((c) => [c.name, c.maxLifetimeDays])).toEqual([['_hjSessionUser_123', 365]]);
    expect(zendesk?.vendorId).toBe('zendesk');
    expect(zendesk?.thirdCountryTransfer).toMatchObject({ countries: ['US'], safeguard: 'dpf', alsoCited: ['scc'] });
    expect(d.model.promises.find((p) => p.kind === 'retention')).toMatchObject({ period: 'within 13 months', periodDays: 396 });
  });
});

describe('draftPolicy input errors', () => {
  it('rejects an empty text and an invalid domain with issues, not exceptions', () => {
    expect(draftPolicy({ text: '  ', vendors, shop: { name: 'X', domains: ['x.example'] } })).toMatchObject({ ok: false });
    const bad = draftPolicy({ text: 'We use cookies.', vendors, shop: { name: 'X', domains: ['Not A Domain'] } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues[0]?.path).toBe('shop.domains.0');
  });

  it('honours a language hint', () => {
    expect(draft('Wij gebruiken cookies op onze website.', 'X').language).toBe('nl');
    const r = draftPolicy({ text: 'We use cookies.', vendors, language: 'de', shop: { name: 'X', domains: ['x.example'] } });
    expect(r.ok && [r.draft.language, r.draft.languageDetected]).toEqual(['de', false]);
  });
});
