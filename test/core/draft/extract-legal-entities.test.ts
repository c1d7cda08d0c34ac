import { describe, expect, it } from 'vitest';
import { extractLegalEntities } from '../../../src/core/draft/extract-legal-entities.ts';
import { findCountries } from '../../../src/core/draft/find-countries.ts';
import { extractPurposes } from '../../../src/core/draft/extract-purposes.ts';

const entities = (text: string) => extractLegalEntities(text).map((e) => e.text);

describe('extractLegalEntities', () => {
  it.each([
    ['de betaling afgehandeld via BS PAYONE GmbH, Lyoner Straße 9', ['BS PAYONE GmbH']],
    ['door aan PayPal (Europe) S.à r.l. et Cie, S.C.A., 22-24 Boulevard Royal', ['PayPal (Europe) S.à r.l. et Cie, S.C.A.']],
    ['een dienst die wordt aangeboden door Anamantic Pty Ltd, Level 1', ['Anamantic Pty Ltd']],
    ["een dienst van Google Inc. ('Google').", ['Google Inc.']],
    ['Wij werken samen met zenloop GmbH, Brunnenstrasse 196', ['zenloop GmbH']],
    ['hostingdiensten van Hetzner Online GmbH (Duitsland) en SCALEWAY S.A.S (Frankrijk).', ['Hetzner Online GmbH', 'SCALEWAY S.A.S']],
    ['Anbieter ist die Muster Software GmbH & Co. KG in Köln.', ['Muster Software GmbH & Co. KG']],
    ['The service is provided by Hotjar Ltd, Malta.', ['Hotjar Ltd']],
  ])('%s', (text, expected) => {
    expect(entities(text)).toEqual(expected);
  });
});

describe('findCountries', () => {
  it('reads country names in three languages, abbreviations as written and address cities', () => {
    expect(findCountries('Verenigde Staten, Vereinigte Staaten, United States, VS, USA').map((c) => c.code)).toEqual(['US', 'US', 'US', 'US', 'US']);
    expect(findCountries('Brunnenstrasse 196, 10119 Berlijn').map((c) => [c.code, c.via])).toEqual([['DE', 'city']]);
    expect(findCountries('tell us about it, vs. the rest')).toEqual([]);
  });
});

describe('extractPurposes', () => {
  it.each([
    [
      'Wij gebruiken Exponea om online marketingstrategieen te evalueren en te ondersteunen, in het bijzonder.',
      ['online marketingstrategieen te evalueren en te ondersteunen'],
    ],
    ['gegevens worden voor marketingdoeleinden verzameld', ['marketingdoeleinden']],
    ['Wir nutzen Hotjar, um das Nutzerverhalten zu analysieren.', ['das Nutzerverhalten zu analysieren']],
    ['We use Hotjar to measure how visitors use the site.', ['measure how visitors use the site']],
  ])('%s', (text, expected) => {
    expect(extractPurposes(text).map((p) => p.text)).toEqual(expected);
  });
});
