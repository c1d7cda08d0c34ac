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

// Spellings Intl.DisplayNames does not give ("EE.UU.", "Zuid-Korea" is given, "Südkorea" too).
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ['EE.UU.', 'EE. UU.', 'EEUU', 'E.U.A.', 'Stati Uniti d’America', "Stati Uniti d'America", 'États-Unis d’Amérique', 'Estados Unidos de América', 'USA'],
  GB: ['Royaume Uni', 'Regno Unito', 'Storbritannien', 'Storbritannia'],
  KR: ['Zuid-Korea', 'Südkorea', 'Corée du Sud', 'Corea del Sur', 'Corea del Sud', 'Sydkorea'],
  NZ: ['Nieuw-Zeeland', 'Neuseeland', 'Nouvelle-Zélande', 'Nuova Zelanda', 'Nueva Zelanda', 'New Zealand', 'Nya Zeeland'],
  AE: ['VAE', 'UAE', 'EAU'],
};
// Display names that are also given names or ordinary words in a policy ("Jordan", "Chad",
// "Georgia" as a US state, "Jersey", "Island" is Iceland in German and an English word).
const AMBIGUOUS_NAMES = new Set([
  'Jordan',
  'Chad',
  'Georgia',
  'Jersey',
  'Guernsey',
  'Island',
  'Man',
  'Niger',
  'Guinea',
  'Turkey',
  'Dominica',
  'Togo',
  'Mali',
  'Oman',
  'Peru',
  'Panama',
]);
const DISPLAY_LANGUAGES = ['nl', 'de', 'en', 'fr', 'it', 'es', 'da', 'sv'];
// Region codes Intl knows that are no countries.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'AQ', 'BV', 'HM', 'TF', 'UM']);

let displayNames: Map<string, Array<{ name: string; code: string }>> | null = null;

/**
 * A code that is its own canonical form: deprecated ones ("DD", "SU", "UK") carry the name of
 * their successor ("Alemania" for DD), which would otherwise win over the current code.
 */
function isCurrentCode(code: string): boolean {
  try {
    return Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
  } catch {
    return false;
  }
}

/**
 * Country names in the eight languages from Intl.DisplayNames (built once, on first use),
 * bucketed by their first word. Matched case-sensitively: country names are capitalised in all
 * eight languages, and "Chile" or "Malta" must not match inside lower-case prose.
 */
function displayNameIndex(): Map<string, Array<{ name: string; code: string }>> {
  if (displayNames) return displayNames;
  const index = new Map<string, Array<{ name: string; code: string }>>();
  const add = (name: string, code: string) => {
    const first = name.split(/[\s-]/)[0] as string;
    const bucket = index.get(first) ?? [];
    if (!bucket.some((e) => e.name === name)) bucket.push({ name, code });
    bucket.sort((a, b) => b.name.length - a.name.length);
    index.set(first, bucket);
  };
  const A = 'A'.charCodeAt(0);
  for (const lang of DISPLAY_LANGUAGES) {
    let names: Intl.DisplayNames;
    try {
      names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    } catch {
      continue; // An engine without region names: the curated names below still work.
    }
    for (let i = 0; i < 26; i++) {
      for (let j = 0; j < 26; j++) {
        const code = String.fromCharCode(A + i, A + j);
        if (NOT_COUNTRIES.has(code) || !isCurrentCode(code)) continue;
        const name = names.of(code);
        if (!name || name === code || AMBIGUOUS_NAMES.has(name)) continue;
        add(name, code);
        // "Korea, Republiek" style names: the part before the comma is how texts write it only sometimes.
        if (name.includes('(')) add(name.replace(/\s*\(.*\)\s*/, '').trim(), code);
      }
    }
  }
  for (const [code, names] of Object.entries(ALIASES)) for (const n of names) add(n, code);
  displayNames = index;
  return index;
}

const CAPITALISED_WORD_RE = /(?<![\p{L}\-.])\p{Lu}[\p{L}.’'-]*/gu;

/** Country names from Intl.DisplayNames and the aliases, case-sensitive, longest first. */
function findDisplayNames(text: string): CountryMention[] {
  const index = displayNameIndex();
  const out: CountryMention[] = [];
  for (const m of text.matchAll(CAPITALISED_WORD_RE)) {
    const start = m.index;
    const first = (m[0].split(/[\s-]/)[0] as string).replace(/[.’']+$/, '');
    const bucket = index.get(first) ?? index.get(m[0]) ?? [];
    for (const e of bucket) {
      if (!text.startsWith(e.name, start)) continue;
      const after = text[start + e.name.length];
      if (after !== undefined && /[\p{L}\p{N}]/u.test(after)) continue;
      out.push({ code: e.code, via: 'country', text: e.name, start, end: start + e.name.length });
      break;
    }
  }
  return out;
}

/** Countries and address cities in `text`, in text order. */
export function findCountries(text: string): CountryMention[] {
  const out: CountryMention[] = [];
  const overlaps = (start: number, end: number) => out.some((c) => start < c.end && c.start < end);
  for (const m of text.matchAll(INSENSITIVE_RE)) {
    const entry = INSENSITIVE.get((m[1] as string).toLowerCase());
    if (entry) out.push({ ...entry, text: m[1] as string, start: m.index ?? 0, end: (m.index ?? 0) + (m[1] as string).length });
  }
  for (const m of text.matchAll(SENSITIVE_RE)) {
    const entry = SENSITIVE.get(m[1] as string);
    if (entry) out.push({ ...entry, text: m[1] as string, start: m.index ?? 0, end: (m.index ?? 0) + (m[1] as string).length });
  }
  for (const c of findDisplayNames(text)) if (!overlaps(c.start, c.end)) out.push(c);
  return out.sort((a, b) => a.start - b.start);
}
