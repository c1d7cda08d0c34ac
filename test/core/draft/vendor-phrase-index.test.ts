import { describe, expect, it } from 'vitest';
import { buildVendorPhraseIndex, findVendorMentions, GENERIC_WORDS } from '../../../src/core/draft/vendor-phrase-index.ts';
import { nodeData } from '../../../src/data/node-data.ts';
import type { Vendor } from '../../../src/core/vendors/schema.ts';

const index = buildVendorPhraseIndex(nodeData.catalogue());
const services = (text: string) =>
  findVendorMentions(index, text)
    .filter((m) => m.vendorId !== null)
    .map((m) => [m.text, m.vendorId]);

describe('findVendorMentions', () => {
  it.each([
    // Dutch (Connox)
    ['Wij gebruiken op onze website DoubleClick van Google, een dienst van Google Inc.', [['DoubleClick', 'google-doubleclick']]],
    ['met de technologie van Zendesc Inc., 1019 Market St, San Francisco', [['Zendesc', 'zendesk']]],
    ['Wij gebruiken de diensten van Exponea, Mlynské Nivy 12, 82109 Bratislava', [['Exponea', 'bloomreach']]],
    [
      'uitsluitend Universal Analytics van Google Analytics gebruikt',
      [
        ['Universal Analytics', 'google-analytics'],
        ['Google Analytics', 'google-analytics'],
      ],
    ],
    ['Wanneer een embedded Youtube-video wordt gestart', [['Youtube', 'youtube']]],
    ['Wij werken samen met zenloop GmbH, Brunnenstrasse 196', [['zenloop GmbH', 'zenloop']]],
    ['We gebruiken Google Consent Mode ("GCM")', [['Google Consent Mode', 'google-tag-manager']]],
    // German
    [
      'Wir setzen den Google Tag Manager und Hotjar ein; Zahlungen laufen über PayPal.',
      [
        ['Google Tag Manager', 'google-tag-manager'],
        ['Hotjar', 'hotjar'],
        ['PayPal', 'paypal'],
      ],
    ],
    ['Für Bewertungen nutzen wir Trustpilot A/S, Kopenhagen.', [['Trustpilot A/S', 'trustpilot']]],
    // English
    [
      'We use the Meta Pixel and Microsoft Clarity to measure campaigns.',
      [
        ['Meta Pixel', 'facebook-pixel'],
        ['Microsoft Clarity', 'microsoft-clarity'],
      ],
    ],
    [
      'Our consent banner is provided by Cookiebot (Usercentrics A/S).',
      [
        ['Cookiebot', 'cookiebot'],
        ['Usercentrics A/S', 'cookiebot'],
      ],
    ],
    // A legal entity that runs one record of its group (Klarna's group also holds Sofort GmbH).
    ['Für die Zahlung arbeiten wir mit der Klarna Bank AB (publ) zusammen.', [['Klarna Bank AB (publ', 'klarna']]],
  ])('%s', (text, expected) => {
    expect(services(text)).toEqual(expected);
  });

  it('reports a company with many products (Google LLC, Google Ireland Limited) as an unresolved entity', () => {
    const mentions = findVendorMentions(index, 'aanbieder Google LLC. en Google Ireland Limited, Gordon House');
    expect(mentions.map((m) => [m.text, m.vendorId, m.role])).toEqual([
      ['Google LLC', null, 'entity'],
      ['Google Ireland Limited', null, 'entity'],
    ]);
    expect(mentions[1]?.candidates.length).toBeGreaterThan(5);
  });

  it('never matches ordinary words that are also product names', () => {
    for (const text of [
      'Click the link to give feedback.',
      'Wir optimieren jede Seite; optimize the segment.',
      'Meer informatie vindt u op onze website.',
      'Google gebruikt standaardbepalingen.',
    ]) {
      expect(services(text)).toEqual([]);
    }
    expect(GENERIC_WORDS.has('feedback')).toBe(true);
  });

  it('matches short all-caps aliases only as written ("GA" but not "ga")', () => {
    const tiny: Vendor[] = [
      {
        id: 'ga',
        name: 'Google Analytics',
        organisation: 'Google',
        legalEntity: 'Google Ireland Limited',
        country: 'IE',
        category: 'analytics',
        products: [],
        domains: ['google-analytics.com'],
        cookies: [],
        privacyPolicyUrl: 'https://policies.google.com/privacy',
        aliases: ['GA'],
      },
    ];
    const small = buildVendorPhraseIndex(tiny);
    expect(findVendorMentions(small, 'Ik ga naar huis.').map((m) => m.vendorId)).toEqual([]);
    expect(findVendorMentions(small, 'We use GA for statistics.').map((m) => m.vendorId)).toEqual(['ga']);
  });

  it('ignores vendor words inside URLs and e-mail addresses', () => {
    expect(services('Zie https://www.zendesk.com/company/privacy of mail privacy@trustpilot.com')).toEqual([]);
  });

  it('buckets phrases by first token, so a sentence costs one Map lookup per token', () => {
    expect(index.phraseCount).toBeGreaterThan(1_000);
    const largest = Math.max(...[...index.byFirstToken.values()].map((b) => b.length));
    expect(largest).toBeLessThan(100);
  });
});
