/** A country (or a city that implies one) named in a text. */
export interface CountryMention {
  /** ISO 3166 alpha-2. */
  code: string;
  via: 'country' | 'city';
  text: string;
  start: number;
  end: number;
}

// Country names in Dutch, German and English (plus spellings seen in shop texts, such as
// "Irland" in a Dutch text). Matched case-insensitively as whole words.
const COUNTRY_NAMES: Readonly<Record<string, readonly string[]>> = {
  US: [
    'Verenigde Staten',
    'Verenigde Staten van Amerika',
    'Vereinigte Staaten',
    'Vereinigten Staaten',
    'United States',
    'United States of America',
    'Amerika',
    'America',
  ],
  GB: [
    'Verenigd Koninkrijk',
    'Vereinigtes Königreich',
    'Vereinigten Königreich',
    'United Kingdom',
    'Groot-Brittannië',
    'Großbritannien',
    'Great Britain',
    'Engeland',
    'England',
  ],
  AU: ['Australië', 'Australien', 'Australia'],
  CA: ['Canada', 'Kanada'],
  CH: ['Zwitserland', 'Schweiz', 'Switzerland'],
  IN: ['India', 'Indien'],
  CN: ['China'],
  JP: ['Japan'],
  IL: ['Israël', 'Israel'],
  SG: ['Singapore', 'Singapur'],
  NO: ['Noorwegen', 'Norwegen', 'Norway'],
  IS: ['IJsland', 'Island', 'Iceland'],
  DE: ['Duitsland', 'Deutschland', 'Germany'],
  NL: ['Nederland', 'Niederlande', 'Netherlands', 'the Netherlands'],
  BE: ['België', 'Belgien', 'Belgium'],
  LU: ['Luxemburg', 'Luxembourg'],
  FR: ['Frankrijk', 'Frankreich', 'France'],
  IE: ['Ierland', 'Irland', 'Ireland'],
  DK: ['Denemarken', 'Dänemark', 'Denmark'],
  SE: ['Zweden', 'Schweden', 'Sweden'],
  FI: ['Finland', 'Finnland'],
  AT: ['Oostenrijk', 'Österreich', 'Austria'],
  ES: ['Spanje', 'Spanien', 'Spain'],
  IT: ['Italië', 'Italien', 'Italy'],
  PT: ['Portugal'],
  PL: ['Polen', 'Poland'],
  CZ: ['Tsjechië', 'Tschechien', 'Czech Republic', 'Czechia'],
  SK: ['Slowakije', 'Slowakei', 'Slovakia'],
  MT: ['Malta'],
  EE: ['Estland', 'Estonia'],
  LT: ['Litouwen', 'Litauen', 'Lithuania'],
  LV: ['Letland', 'Lettland', 'Latvia'],
  GR: ['Griekenland', 'Griechenland', 'Greece'],
  CY: ['Cyprus', 'Zypern'],
  HU: ['Hongarije', 'Ungarn', 'Hungary'],
  RO: ['Roemenië', 'Rumänien', 'Romania'],
  BG: ['Bulgarije', 'Bulgarien', 'Bulgaria'],
  HR: ['Kroatië', 'Kroatien', 'Croatia'],
  SI: ['Slovenië', 'Slowenien', 'Slovenia'],
};

// Abbreviations are matched case-sensitively: "us" and "vs" are ordinary words.
const COUNTRY_CODES: Readonly<Record<string, readonly string[]>> = {
  US: ['VS', 'USA', 'U.S.A.', 'US', 'U.S.'],
  GB: ['UK', 'VK'],
};

// Cities that imply the country when a text gives an address without one ("Lyoner Straße 9,
// 60528 Frankfurt am Main"). Only cities common in vendor addresses.
const CITIES: Readonly<Record<string, readonly string[]>> = {
  DE: [
    'Berlijn',
    'Berlin',
    'Frankfurt am Main',
    'Frankfurt',
    'München',
    'Munich',
    'Hamburg',
    'Keulen',
    'Köln',
    'Cologne',
    'Düsseldorf',
    'Stuttgart',
    'Leipzig',
    'Hannover',
    'Laatzen',
  ],
  US: ['San Francisco', 'Mountain View', 'New York', 'Seattle', 'Menlo Park', 'Cupertino', 'Palo Alto', 'Redmond', 'Boston', 'Los Angeles', 'Austin'],
  IE: ['Dublin'],
  GB: ['Londen', 'London'],
  FR: ['Parijs', 'Paris'],
  NL: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Den Haag'],
  DK: ['Kopenhagen', 'Copenhagen', 'København'],
  SK: ['Bratislava'],
  AT: ['Wenen', 'Wien', 'Vienna'],
  CH: ['Zürich', 'Zurich'],
  SE: ['Stockholm'],
  LU: ['Luxemburg-Stad'],
  AU: ['Sydney', 'Melbourne'],
};

interface Entry {
  code: string;
  via: CountryMention['via'];
}

const INSENSITIVE = new Map<string, Entry>();
for (const [code, names] of Object.entries(COUNTRY_NAMES)) for (const n of names) INSENSITIVE.set(n.toLowerCase(), { code, via: 'country' });
for (const [code, names] of Object.entries(CITIES))
  for (const n of names) if (!INSENSITIVE.has(n.toLowerCase())) INSENSITIVE.set(n.toLowerCase(), { code, via: 'city' });
const SENSITIVE = new Map<string, Entry>();
for (const [code, names] of Object.entries(COUNTRY_CODES)) for (const n of names) SENSITIVE.set(n, { code, via: 'country' });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (keys: Iterable<string>) =>
  [...keys]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
const INSENSITIVE_RE = new RegExp(`(?<![\\p{L}\\-])(${alternation(INSENSITIVE.keys())})(?![\\p{L}])`, 'giu');
const SENSITIVE_RE = new RegExp(`(?<![\\p{L}\\-.])(${alternation(SENSITIVE.keys())})(?![\\p{L}])`, 'gu');

/** Countries and address cities in `text`, in text order. */
export function findCountries(text: string): CountryMention[] {
  const out: CountryMention[] = [];
  for (const m of text.matchAll(INSENSITIVE_RE)) {
    const entry = INSENSITIVE.get((m[1] as string).toLowerCase());
    if (entry) out.push({ ...entry, text: m[1] as string, start: m.index ?? 0, end: (m.index ?? 0) + (m[1] as string).length });
  }
  for (const m of text.matchAll(SENSITIVE_RE)) {
    const entry = SENSITIVE.get(m[1] as string);
    if (entry) out.push({ ...entry, text: m[1] as string, start: m.index ?? 0, end: (m.index ?? 0) + (m[1] as string).length });
  }
  return out.sort((a, b) => a.start - b.start);
}
