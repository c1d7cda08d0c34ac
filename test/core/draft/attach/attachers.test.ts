import { describe, expect, it } from 'vitest';
import { draftPolicy } from '../../../../src/core/draft/draft-policy.ts';
import type { PolicyDraft } from '../../../../src/core/draft/draft-types.ts';
import { nodeData } from '../../../../src/data/node-data.ts';

const vendors = nodeData.catalogue();

function draft(text: string, shop = 'Shop'): PolicyDraft {
  const result = draftPolicy({ text, language: 'auto', vendors, shop: { name: shop, domains: ['shop.example'] } });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.draft;
}

describe('processors: names and negation', () => {
  it('drafts no processor the text says is not used', () => {
    const d = draft('Tracking\nWe do NOT use Meta Pixel, TikTok Pixel or Hotjar on this website. We use Google Analytics to measure visits.');
    const ids = d.model.processors.map((p) => p.vendorId);
    expect(ids).toContain('google-analytics');
    expect(ids).not.toContain('facebook-pixel');
    expect(ids).not.toContain('tiktok-pixel');
    expect(ids).not.toContain('hotjar');
  });

  it('reads the negation in German and French too', () => {
    expect(draft('Wir setzen keine Hotjar-Analysen ein und verwenden keine Cookies von Dritten.').model.processors.map((p) => p.vendorId)).not.toContain(
      'hotjar',
    );
    expect(draft("Nous n'utilisons pas Hotjar sur notre site et nous ne vendons pas vos données.").model.processors.map((p) => p.vendorId)).not.toContain(
      'hotjar',
    );
  });

  it('keeps "Google" named alone as an unresolved company', () => {
    const d = draft('Advertising\nWe share your order data with Google for advertising. The data is processed in the United States.');
    const google = d.model.processors.find((p) => p.name === 'Google');
    expect(google).toMatchObject({ vendorId: null, checkable: false });
  });

  it('maps no vendor to ordinary words (live chat, direct debit, Mastercard)', () => {
    const d = draft('Payment and service\nYou can pay by direct debit, Visa or Mastercard. Our live chat answers questions on weekdays.');
    expect(d.model.processors.filter((p) => p.vendorId !== null)).toEqual([]);
  });

  it('does not draft the shop’s own operating company as a processor', () => {
    const d = draft(
      'Controller\nThe controller is Beispiel Handels GmbH, Hauptstraße 1, Berlin, info@beispiel.example.\nHosting\nOur website is hosted by Hetzner Online GmbH in Germany.',
      'Drafted shop',
    );
    const names = d.model.processors.map((p) => p.legalEntity);
    expect(names).toContain('Hetzner Online GmbH');
    expect(names).not.toContain('Beispiel Handels GmbH');
  });

  it('reads a product’s first words, named later, as the same processor (LinkedIn Insight Tag, then "LinkedIn")', () => {
    const d = draft(['Marketing', 'With your consent we use the LinkedIn Insight Tag.', 'Name | Provider | Expiry', 'bcookie | LinkedIn | 1 year'].join('\n'));
    const ids = d.model.processors.map((p) => p.vendorId);
    expect(ids).toContain('linkedin-insight');
    expect(ids).not.toContain('linkedin');
    expect(d.model.processors.find((p) => p.vendorId === 'linkedin-insight')?.cookies.map((c) => [c.name, c.maxLifetimeDays])).toEqual([['bcookie', 365]]);
  });

  it('reads a legal entity whatever abbreviation of its form the text uses (Ltd. for Limited)', () => {
    const d = draft(
      'Publicité\nAvec votre consentement, nous utilisons le pixel de Facebook, fourni par Meta Platforms Ireland Ltd., pour mesurer nos campagnes.',
    );
    expect(d.model.processors.map((p) => p.vendorId)).toContain('facebook-pixel');
    expect(d.model.processors.some((p) => p.vendorId === null && /Meta Platforms/.test(p.name))).toBe(false);
  });

  it('never drafts a consent tool as needing consent, and files its cookie as its sentence says', () => {
    const d = draft(
      'Einwilligungen\nFür die Verwaltung Ihrer Einwilligungen setzen wir Cookiebot der Usercentrics A/S, Dänemark, ein. Cookiebot speichert Ihre Auswahl im notwendigen Cookie CookieConsent für 12 Monate.',
    );
    const cookiebot = d.model.processors.find((p) => p.vendorId === 'cookiebot');
    expect(cookiebot?.consentRequired).not.toBe(true);
    const category = d.model.cookieCategories.find((c) => c.id === cookiebot?.cookies[0]?.category);
    expect(category?.consentRequired ?? false).toBe(false);
  });

  it('keeps legal entities with their suffixes', () => {
    const d = draft('Hosting\nOur servers are run by Amazon Web Services, Inc., Seattle, United States.');
    expect(d.model.processors.find((p) => p.vendorId === 'amazon-web-services')?.legalEntity).toBe('Amazon Web Services, Inc.');
  });
});

describe('lifetimes: per cookie, never site-wide without a site-wide sentence', () => {
  it('gives a consent cookie’s lifetime to that cookie, not to every cookie', () => {
    const d = draft('Cookies\nDe cookie CookieConsent slaat uw keuze op en wordt 12 maanden bewaard.');
    expect(d.model.promises.filter((p) => p.kind === 'max-cookie-lifetime')).toEqual([]);
  });

  it('pairs names and durations in order when a sentence gives as many of each', () => {
    const d = draft('Hotjar\nWij gebruiken Hotjar alleen met uw toestemming. Hotjar plaatst de cookies _hjSession (30 minuten) en _hjSessionUser (1 jaar).');
    const cookies = d.model.processors.find((p) => p.vendorId === 'hotjar')?.cookies.map((c) => [c.name, Math.round((c.maxLifetimeDays ?? -1) * 1440)]);
    // In minutes: 30 minutes and one year.
    expect(cookies).toEqual([
      ['_hjSession', 30],
      ['_hjSessionUser', 365 * 1440],
    ]);
  });

  it('gives each of several keys in one sentence its own storage and duration, and a placeholder a pattern', () => {
    const d = draft(
      'Con su consentimiento utilizamos Hotjar de Hotjar Ltd., Malta. Hotjar instala la cookie _hjSessionUser_<ID>, que se conserva 12 meses, y la cookie _hjSession_<ID>, que se conserva 30 minutos, y guarda hjViewportId en el almacenamiento de sesión.',
    );
    const cookies = d.model.processors
      .find((p) => p.vendorId === 'hotjar')
      ?.cookies.map((c) => [c.name ?? c.pattern, c.storage, Math.round((c.maxLifetimeDays ?? -1) * 1440)]);
    expect(cookies).toEqual([
      ['^_hjSessionUser_.*$', 'cookie', 365 * 1440],
      ['^_hjSession_.*$', 'cookie', 30],
      ['hjViewportId', 'sessionStorage', -1440],
    ]);
  });

  it('takes the lifetime right after a key over the sentence’s session words, and written-out numbers in French', () => {
    const yt = draft(
      'Videos\nYouTube videos are only loaded after you consent. YouTube then sets the cookies YSC, which is deleted when you close your browser, and VISITOR_INFO1_LIVE, kept for 6 months.',
    );
    expect(yt.model.processors.find((p) => p.vendorId === 'youtube')?.cookies.find((c) => c.name === 'VISITOR_INFO1_LIVE')?.maxLifetimeDays).toBe(183);
    const stripe = draft('Paiement\nStripe dépose les cookies __stripe_mid, conservé un an, et __stripe_sid, conservé 30 minutes, afin de prévenir la fraude.');
    expect(stripe.model.processors.find((p) => p.vendorId === 'stripe')?.cookies.map((c) => [c.name, Math.round((c.maxLifetimeDays ?? -1) * 1440)])).toEqual([
      ['__stripe_mid', 365 * 1440],
      ['__stripe_sid', 30],
    ]);
  });

  it('reads a name the sentence’s vendor documents even when it does not look like a key, and one key in two storages', () => {
    const yt = draft(
      'Videos\nYouTube videos are only loaded after you consent. YouTube then sets the cookies YSC, which is deleted when you close your browser.',
    );
    expect(yt.model.processors.find((p) => p.vendorId === 'youtube')?.cookies.map((c) => [c.name, c.maxLifetimeDays])).toEqual([['YSC', 0]]);
    const didomi = draft(
      'Samtykke\nVi bruger Didomi fra Didomi SAS, Frankrig. Didomi gemmer dit valg i den nødvendige cookie didomi_token og under samme navn i din browsers lokale lager i 12 måneder.',
    );
    expect(didomi.model.processors.find((p) => p.vendorId === 'didomi')?.cookies.map((c) => [c.name, c.storage])).toEqual([
      ['didomi_token', 'cookie'],
      ['didomi_token', 'localStorage'],
    ]);
  });

  it('files a key several tools document under the one of them the text names (euconsent-v2 with Quantcast Choice)', () => {
    const d = draft(
      'Einwilligung\nIhre Einwilligung holen wir mit Quantcast Choice der Quantcast International Limited, Dublin, Irland, ein.\nSpeicherung\nIhre Auswahl wird in den notwendigen Cookies euconsent-v2 und addtl_consent für 13 Monate gespeichert.',
    );
    expect(d.model.processors.find((p) => p.vendorId === 'quantcast-choice')?.cookies.map((c) => c.name)).toContain('euconsent-v2');
    expect(d.model.firstPartyCookies.map((c) => c.name)).not.toContain('euconsent-v2');
  });

  it('drafts a site-wide limit from a site-wide sentence', () => {
    const d = draft('Cookies\nNo cookie on this website is stored for longer than 13 months.');
    expect(d.model.promises).toContainEqual(expect.objectContaining({ kind: 'max-cookie-lifetime', scope: 'all', maxDays: 396 }));
  });

  it('lists a lifetime with no scope for review only', () => {
    const d = draft('Cookies\nCookies are kept for 30 days.');
    expect(d.model.promises.filter((p) => p.kind === 'max-cookie-lifetime')).toEqual([]);
    expect(d.claims).toContainEqual(expect.objectContaining({ extractor: 'duration', modelPath: null, days: 30 }));
  });
});

describe('consent phrasing', () => {
  it.each([
    ['Necessary cookies\nThese cookies are strictly necessary. No consent required.', false],
    ['Notwendige Cookies\nDiese Cookies sind technisch notwendig. Keine Einwilligung erforderlich.', false],
    ['Marketing-Cookies\nDiese Cookies dienen der Werbung. Einwilligung erforderlich.', true],
    ['Cookies publicitaires\nCes cookies servent à la publicité. Consentement requis.', true],
    ['Marketing cookies\nThese cookies are used for advertising. Opt-in.', true],
  ] as const)('reads the category consent of %j', (text, required) => {
    const d = draft(text);
    expect(d.model.cookieCategories[0]?.consentRequired).toBe(required);
  });
});

describe('categories and cookie promises', () => {
  it('proposes a category from a cookie section heading, with its source', () => {
    const d = draft(
      'Statistik-Cookies\nMit diesen Cookies messen wir die Nutzung unserer Website auf Grundlage Ihrer Einwilligung (Art. 6 Abs. 1 lit. a DSGVO).',
    );
    expect(d.model.cookieCategories).toEqual([
      expect.objectContaining({
        id: 'statistics',
        name: 'Statistik-Cookies',
        consentRequired: true,
        legalBasis: [expect.objectContaining({ article: '6(1)(a)' })],
      }),
    ]);
    expect(d.claims).toContainEqual(expect.objectContaining({ extractor: 'category', category: 'statistics' }));
  });

  it('proposes a first-party-only claim for the section’s category', () => {
    const d = draft('Necessary cookies\nFor necessary purposes we only use our own cookies.');
    expect(d.model.promises).toContainEqual(expect.objectContaining({ kind: 'first-party-only', categoryId: 'necessary' }));
    expect(d.model.cookieCategories.find((c) => c.id === 'necessary')?.firstPartyOnly).toBe(true);
  });

  it('proposes a no-cookies promise for the service the sentence names', () => {
    const d = draft('Friendly Captcha\nWe protect our forms with Friendly Captcha. Friendly Captcha sets no cookies.');
    const fc = d.model.processors.find((p) => p.vendorId === 'friendly-captcha');
    expect(d.model.promises).toContainEqual(expect.objectContaining({ kind: 'no-cookies', processorId: fc?.id }));
  });

  it('proposes IP anonymisation for the processor it is about', () => {
    const d = draft('Google Analytics\nWe use Google Analytics with IP anonymisation (anonymizeIp).');
    const ga = d.model.processors.find((p) => p.vendorId === 'google-analytics');
    expect(d.model.promises).toContainEqual(expect.objectContaining({ kind: 'ip-anonymisation', processorId: ga?.id }));
  });
});

describe('categories: what the sentences about them say elsewhere', () => {
  it('gives a table’s category the basis and consent of the sentences about it, and of the one that continues them', () => {
    const d = draft(
      [
        'Waarom wij cookies gebruiken',
        'Functionele cookies zijn nodig om de webwinkel te laten werken. Die plaatsen wij op grond van ons gerechtvaardigd belang (artikel 6, eerste lid, onder f AVG) zonder uw toestemming. Analytische cookies plaatsen wij alleen als u daarvoor toestemming geeft (artikel 6, eerste lid, onder a AVG).',
        'Overzicht',
        'Naam | Aanbieder | Categorie | Bewaartermijn',
        'sooqr_uid | Sooqr | Functioneel | 30 dagen',
        '_clck | Microsoft Clarity | Analytisch | 1 jaar',
      ].join('\n'),
    );
    const category = (id: string) => d.model.cookieCategories.find((c) => c.id === id);
    expect(category('preferences')).toMatchObject({ consentRequired: false, legalBasis: [expect.objectContaining({ article: '6(1)(f)' })] });
    expect(category('statistics')).toMatchObject({ consentRequired: true, legalBasis: [expect.objectContaining({ article: '6(1)(a)' })] });
  });

  it('reads no category into a sentence that is not about cookies ("necessary to perform our contract")', () => {
    const d = draft(
      [
        'Payments',
        'Stripe receives your payment details because this is necessary to perform our contract with you (Article 6(1)(b) GDPR).',
        'Cookies',
        'Name | Provider | Category | Expiry',
        'hh_session | Shop | Necessary | Session',
      ].join('\n'),
    );
    expect(d.model.cookieCategories.find((c) => c.id === 'necessary')?.legalBasis).toEqual([]);
  });
});

describe('consent per cookie from its processor', () => {
  it('files the cookies of a processor that runs only with consent under a category that needs it, and those of one that needs none as necessary', () => {
    const d = draft(
      'Statistics\nWe use Google Analytics only with your consent. It sets the cookie _ga for 2 years.\nPayments\nStripe processes card payments without your consent being needed; no consent is required. Stripe sets the cookie __stripe_mid.',
    );
    const categoryOf = (name: string) => {
      const cookie = d.model.processors.flatMap((p) => p.cookies).find((c) => c.name === name);
      return d.model.cookieCategories.find((c) => c.id === cookie?.category);
    };
    expect(categoryOf('_ga')).toMatchObject({ id: 'statistics', consentRequired: true, legalBasis: [] });
    expect(categoryOf('__stripe_mid')).toMatchObject({ id: 'necessary', consentRequired: false });
  });
});

describe('consent per cookie from a table’s consent column', () => {
  const table = [
    'Cookies',
    'Name | Provider | Purpose | Expiry | Consent',
    '__stripe_mid | Stripe | Fraud prevention during checkout | 1y | No consent required',
    '_ga | Google Analytics | Distinguishes visitors for statistics | 2y | Opt-in',
    '_fbp | Meta Pixel | Advertising on Facebook | 3 months | Opt-in',
  ].join('\n');

  it('files each cookie under a category that says whether it needs consent, and quotes the cell', () => {
    const d = draft(table);
    const categoryOf = (name: string) => {
      const cookie = d.model.processors.flatMap((p) => p.cookies).find((c) => c.name === name);
      return d.model.cookieCategories.find((c) => c.id === cookie?.category);
    };
    expect(categoryOf('__stripe_mid')).toMatchObject({ id: 'necessary', consentRequired: false });
    expect(categoryOf('_ga')).toMatchObject({ id: 'statistics', consentRequired: true });
    expect(categoryOf('_fbp')).toMatchObject({ id: 'marketing', consentRequired: true });
    expect(d.claims.filter((c) => c.extractor === 'consent' && c.modelPath?.startsWith('cookieCategories')).map((c) => c.matched)).toEqual([
      'No consent required',
      'Opt-in',
      'Opt-in',
    ]);
  });

  it('lends a category inferred from consent cells no legal basis from the prose around the table', () => {
    const d = draft(`${table}\nWe keep records of your consent because the law requires it (Art. 6(1)(c) GDPR).`);
    for (const c of d.model.cookieCategories) expect(c.legalBasis).toEqual([]);
  });

  it('leaves a category open when its rows disagree', () => {
    const d = draft(
      [
        'Name | Provider | Category | Expiry | Consent',
        '_ga | Google Analytics | Statistics | 2y | Opt-in',
        '_pk_id | Matomo | Statistics | 13 months | No consent required',
      ].join('\n'),
    );
    expect(d.model.cookieCategories.find((c) => c.id === 'statistics')?.consentRequired ?? null).toBeNull();
  });
});

describe('transfers', () => {
  it('gives a statement about a company group to the group’s products the text names', () => {
    const d = draft(
      'Cookies\nWe use Microsoft Clarity and Google Ads, with your consent.\nTransfers\nGoogle and Microsoft may transfer data to the United States. Both companies are certified under the EU-U.S. Data Privacy Framework.',
    );
    for (const id of ['microsoft-clarity', 'google-ads']) {
      expect(d.model.processors.find((p) => p.vendorId === id)?.thirdCountryTransfer, id).toMatchObject({ countries: ['US'], safeguard: 'dpf' });
    }
  });

  it('reads the Danish adequacy phrasing', () => {
    const d = draft(
      'Anmeldelser\nVores kundeanmeldelser vises med en widget fra Feefo Holdings Ltd, Storbritannien. Storbritannien er omfattet af en afgørelse om tilstrækkeligt beskyttelsesniveau.',
    );
    expect(d.model.processors.find((p) => p.vendorId === 'feefo')?.thirdCountryTransfer).toMatchObject({ countries: ['GB'], safeguard: 'adequacy' });
  });

  it('reads a current country code, not a deprecated one with the same name (Alemania is DE, not DD)', () => {
    const d = draft('Utilizamos Usercentrics de Usercentrics GmbH, Múnich, Alemania, para guardar su consentimiento.');
    expect(d.model.processors.find((p) => p.vendorId === 'usercentrics')).toMatchObject({ country: 'DE', thirdCountryTransfer: null });
  });

  it('gives a neighbouring sentence’s safeguard only to the vendors it names', () => {
    const d = draft(
      'Marketing\nOnly with your consent do we use the LinkedIn Insight Tag and the TikTok Pixel. LinkedIn Ireland Unlimited Company shares data with LinkedIn Corporation in the United States under standard contractual clauses. TikTok Technology Limited states that staff in China, Malaysia and Singapore may access data, also under standard contractual clauses.',
    );
    const countries = (id: string) => d.model.processors.find((p) => p.vendorId === id)?.thirdCountryTransfer?.countries ?? [];
    expect(countries('linkedin-insight').sort()).toEqual(['US']);
    expect(countries('tiktok-pixel').sort()).toEqual(['CN', 'MY', 'SG']);
  });

  it('reads countries in any of the languages, aliases included', () => {
    const d = draft('Google Analytics\nUtilizamos Google Analytics. Los datos se transfieren a EE.UU. sobre la base de cláusulas contractuales tipo.');
    const ga = d.model.processors.find((p) => p.vendorId === 'google-analytics');
    expect(ga?.thirdCountryTransfer).toMatchObject({ countries: ['US'], safeguard: 'scc' });
  });
});
