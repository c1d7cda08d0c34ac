import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../../src/core/draft/detect-language.ts';
import { draftPolicy } from '../../../../src/core/draft/draft-policy.ts';
import type { DraftLanguage } from '../../../../src/core/draft/lexicon/lexicon-types.ts';
import { nodeData } from '../../../../src/data/node-data.ts';

const vendors = nodeData.catalogue();

/** One policy section per language: a sentence naming the vendor with its legal basis, then its cookie table. */
const TEXTS: Record<DraftLanguage, { text: string; basis: string }> = {
  nl: {
    text: 'Google Analytics\nWij gebruiken Google Analytics van Google Ireland Limited op basis van uw toestemming (art. 6 lid 1 punt a AVG).\nNaam | Aanbieder | Doel | Bewaartermijn\n_ga | Google | Statistiek | 2 jaar\n_gid | Google | Statistiek | 24 uur',
    basis: '6(1)(a)',
  },
  de: {
    text: 'Google Analytics\nWir nutzen Google Analytics der Google Ireland Limited auf Grundlage Ihrer Einwilligung (Art. 6 Abs. 1 lit. a DSGVO).\nName | Anbieter | Zweck | Speicherdauer\n_ga | Google | Statistik | 2 Jahre\n_gid | Google | Statistik | 24 Stunden',
    basis: '6(1)(a)',
  },
  en: {
    text: 'Google Analytics\nWe use Google Analytics by Google Ireland Limited on the basis of your consent (Art. 6(1)(a) GDPR).\nName | Provider | Purpose | Expiry\n_ga | Google | Statistics | 2 years\n_gid | Google | Statistics | 24 hours',
    basis: '6(1)(a)',
  },
  fr: {
    text: 'Google Analytics\nNous utilisons Google Analytics de Google Ireland Limited sur la base de votre consentement (art. 6, al. 1, let. a RGPD).\nNom | Fournisseur | Finalité | Durée de conservation\n_ga | Google | Statistiques | 2 ans\n_gid | Google | Statistiques | 24 heures',
    basis: '6(1)(a)',
  },
  it: {
    text: 'Google Analytics\nUtilizziamo Google Analytics di Google Ireland Limited sulla base del tuo consenso (art. 6, par. 1, lett. a GDPR).\nNome | Fornitore | Finalità | Durata\n_ga | Google | Statistiche | 2 anni\n_gid | Google | Statistiche | 24 ore',
    basis: '6(1)(a)',
  },
  es: {
    text: 'Google Analytics\nUtilizamos Google Analytics de Google Ireland Limited sobre la base de su consentimiento (art. 6.1.a RGPD).\nNombre | Proveedor | Finalidad | Duración\n_ga | Google | Estadísticas | 2 años\n_gid | Google | Estadísticas | 24 horas',
    basis: '6(1)(a)',
  },
  da: {
    text: 'Google Analytics\nVi bruger Google Analytics fra Google Ireland Limited på grundlag af dit samtykke (artikel 6, stk. 1, litra a, i databeskyttelsesforordningen).\nNavn | Udbyder | Formål | Udløb\n_ga | Google | Statistik | 2 år\n_gid | Google | Statistik | 24 timer',
    basis: '6(1)(a)',
  },
  sv: {
    text: 'Google Analytics\nVi använder Google Analytics från Google Ireland Limited på grundval av ditt samtycke (artikel 6.1 a dataskyddsförordningen).\nNamn | Leverantör | Syfte | Lagringstid\n_ga | Google | Statistik | 2 år\n_gid | Google | Statistik | 24 timmar',
    basis: '6(1)(a)',
  },
};

describe.each(Object.keys(TEXTS) as DraftLanguage[])('drafting in %s', (lang) => {
  const { text, basis } = TEXTS[lang];
  const result = draftPolicy({ text, vendors, shop: { name: 'Shop', domains: ['shop.example'] } });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const { model } = result.draft;
  const ga = model.processors.find((p) => p.vendorId === 'google-analytics');

  it('detects the language', () => {
    expect(result.draft.language).toBe(lang);
  });

  it('binds each table row to its cookie, with its own lifetime', () => {
    expect(ga?.cookies.map((c) => [c.name, c.maxLifetimeDays])).toEqual([
      ['_ga', 731],
      ['_gid', 1],
    ]);
  });

  it('makes no site-wide or processor-wide limit out of a row', () => {
    expect(model.promises.filter((p) => p.kind === 'max-cookie-lifetime')).toEqual([]);
  });

  it('reads the legal basis in the language’s citation style', () => {
    expect(ga?.legalBasis.map((b) => b.article)).toContain(basis);
    expect(ga?.consentRequired).toBe(true);
  });
});

describe('language detection among the eight', () => {
  it('does not take French for Dutch', () => {
    const fr = 'Nous traitons vos données personnelles uniquement pour les finalités décrites dans la présente politique et nous ne les vendons pas.';
    expect(detectLanguage(fr).language).toBe('fr');
  });

  it.each([
    ['it', 'Trattiamo i tuoi dati personali solo per le finalità descritte in questa informativa e non li vendiamo a terzi.'],
    ['es', 'Tratamos sus datos personales solo para los fines descritos en esta política y no los vendemos a terceros.'],
    ['da', 'Vi behandler dine personoplysninger kun til de formål, der er beskrevet i denne politik, og vi sælger dem ikke.'],
    ['sv', 'Vi behandlar dina personuppgifter endast för de ändamål som beskrivs i denna policy och vi säljer dem inte.'],
  ] as const)('recognises %s', (lang, text) => {
    expect(detectLanguage(text)).toMatchObject({ language: lang, supported: true });
  });

  it('gives a language outside the eight an explicit not-supported result with the vendors it names', () => {
    const pt =
      'Nós tratamos os seus dados pessoais com o Google Analytics e o Hotjar. Os dados não são vendidos e você pode pedir a sua eliminação a qualquer momento.';
    const result = draftPolicy({ text: pt, vendors, shop: { name: 'Loja', domains: ['loja.example'] } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unsupported?.detected).toBe('pt');
    expect(result.unsupported?.vendors.map((v) => v.vendorId)).toEqual(['google-analytics', 'hotjar']);
  });
});
