import { DRAFT_LANGUAGES, LEXICONS } from './lexicon/lexicons.ts';
import { nominalDays, type DurationUnit } from '../policy/duration.ts';

/** A period of time found in a text, normalised to days. */
export interface DurationMatch {
  /** Days; whole days for units of a day or longer, fractions for hours and less. */
  days: number;
  value: number;
  unit: DurationUnit;
  /** How the text bounds it: "maximaal" → max, "binnen" → within, "na" → after. */
  bound: 'max' | 'within' | 'after' | 'min' | 'exact';
  /** As written, including the bound word ("maximaal 1000 dagen"). */
  text: string;
  start: number;
  end: number;
}

const UNIT_WORDS: Readonly<Record<DurationUnit, readonly string[]>> = {
  second: ['seconde', 'seconden', 'sekunde', 'sekunden', 'second', 'seconds', 'sec'],
  minute: ['minuut', 'minuten', 'minute', 'minutes', 'min'],
  hour: ['uur', 'uren', 'stunde', 'stunden', 'hour', 'hours', 'std'],
  day: ['dag', 'dagen', 'tag', 'tage', 'tagen', 'day', 'days'],
  week: ['week', 'weken', 'woche', 'wochen', 'weeks'],
  month: ['maand', 'maanden', 'mnd', 'monat', 'monate', 'monaten', 'month', 'months'],
  year: ['jaar', 'jaren', 'jahr', 'jahre', 'jahren', 'jahres', 'year', 'years'],
};

const UNIT_OF = new Map<string, DurationUnit>(
  [UNIT_WORDS, ...DRAFT_LANGUAGES.map((l) => LEXICONS[l].units)].flatMap((units) =>
    (Object.entries(units) as Array<[DurationUnit, readonly string[]]>).flatMap(([unit, words]) => words.map((w) => [w, unit] as [string, DurationUnit])),
  ),
);
// Unit words that are also ordinary words ("time" is Danish for hour, "an" French for year):
// they count only after digits, never after a number word ("one time").
const DIGITS_ONLY_UNITS = new Set(['time', 'timer', 's', 'h', 'j', 'an', 'ora', 'mes', 'min', 'sec', 'md', 'mon', 'tim', 'gg', 'dygn']);
// Compact units of cookie tables ("2y", "30d", "24h", "6mo"); case-sensitive, so "3D Secure" is no duration.
const COMPACT_RE = /(?<![\p{L}\d.,])(\d{1,5})\s?(yrs?|y|d|hrs?|h|wk|w|mos?|min|sec|s)(?![\p{L}\d])/gu;
const COMPACT_UNIT: Readonly<Record<string, DurationUnit>> = {
  y: 'year',
  yr: 'year',
  yrs: 'year',
  d: 'day',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  w: 'week',
  wk: 'week',
  mo: 'month',
  mos: 'month',
  min: 'minute',
  sec: 'second',
  s: 'second',
};

/** The one unit conversion: whole days for a day or longer, fractions for shorter units. */
/** One duration model for the whole project (src/core/policy/duration.ts). */
function toDays(value: number, unit: DurationUnit): number {
  return nominalDays(value, unit);
}

const BOUNDS: ReadonlyArray<[RegExp, DurationMatch['bound']]> = [
  [
    /^(?:maximaal|hoogstens|ten hoogste|uiterlijk|tot|maximal|höchstens|bis zu|spätestens|up to|at most|no longer than|a maximum of|maximum|max\.?|jusqu['’]à|au maximum|au plus|fino a|al massimo|hasta|como máximo|op til|højst|maksimalt|högst|upp till|maximalt)$/i,
    'max',
  ],
  [/^(?:binnen|innerhalb(?: von)?|within)$/i, 'within'],
  [/^(?:na|nach|after)$/i, 'after'],
  [/^(?:minimaal|ten minste|minstens|mindestens|at least)$/i, 'min'],
];

// Number words; compounds ("vierentwintig", "vierundzwanzig", "twenty-four") are built below.
const UNITS_NL = [
  'nul',
  'een',
  'twee',
  'drie',
  'vier',
  'vijf',
  'zes',
  'zeven',
  'acht',
  'negen',
  'tien',
  'elf',
  'twaalf',
  'dertien',
  'veertien',
  'vijftien',
  'zestien',
  'zeventien',
  'achttien',
  'negentien',
];
const TENS_NL = ['', '', 'twintig', 'dertig', 'veertig', 'vijftig', 'zestig', 'zeventig', 'tachtig', 'negentig'];
const UNITS_DE = [
  'null',
  'ein',
  'zwei',
  'drei',
  'vier',
  'fünf',
  'sechs',
  'sieben',
  'acht',
  'neun',
  'zehn',
  'elf',
  'zwölf',
  'dreizehn',
  'vierzehn',
  'fünfzehn',
  'sechzehn',
  'siebzehn',
  'achtzehn',
  'neunzehn',
];
const TENS_DE = ['', '', 'zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];
const UNITS_EN = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS_EN = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** Number words of nl, de and en (0–99, plus "één", "eine(n|m)", "half", "anderhalf"). */
export const NUMBER_WORDS: ReadonlyMap<string, number> = buildNumberWords();

function buildNumberWords(): Map<string, number> {
  const words = new Map<string, number>();
  const add = (units: string[], tens: string[], join: (u: string, t: string) => string) => {
    units.forEach((w, i) => words.set(w, i));
    tens.forEach((t, ti) => {
      if (t === '') return;
      words.set(t, ti * 10);
      for (let u = 1; u <= 9; u++) words.set(join(units[u] as string, t), ti * 10 + u);
    });
  };
  // Dutch adds "ën" after a vowel e ("tweeëntwintig", "drieëntwintig").
  add(UNITS_NL, TENS_NL, (u, t) => `${u}${/e$/.test(u) ? 'ën' : 'en'}${t}`);
  add(UNITS_DE, TENS_DE, (u, t) => `${u}und${t}`);
  add(UNITS_EN, TENS_EN, (u, t) => `${t}-${u}`);
  // The other five languages: the small numbers texts write out ("un an", "sei mesi", "tolv måneder").
  const small: ReadonlyArray<readonly string[]> = [
    ['un', 'une', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze'],
    ['uno', 'una', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici', 'dodici'],
    ['un', 'una', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce'],
    // Danish and Swedish "en" / "et" are Dutch and French "and": left out ("dagen en weken").
    ['', '', 'to', 'tre', 'fire', 'fem', 'seks', 'syv', 'otte', 'ni', 'ti', 'elleve', 'tolv'],
    ['', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'],
  ];
  for (const list of small) {
    // The first two words are both "one" (masculine and feminine / common and neuter).
    list.forEach((w, i) => {
      if (w !== '' && !words.has(w)) words.set(w, i <= 1 ? 1 : i);
    });
  }
  for (const [w, v] of [
    ['één', 1],
    ['eén', 1],
    ['eine', 1],
    ['einen', 1],
    ['einem', 1],
    ['einer', 1],
    ['honderd', 100],
    ['hundert', 100],
    ['hundred', 100],
    ['half', 0.5],
    ['halbes', 0.5],
    ['halben', 0.5],
    ['anderhalf', 1.5],
    ['anderthalb', 1.5],
    ['eineinhalb', 1.5],
  ] as const) {
    words.set(w, v);
  }
  return words;
}

const NUMBER_ALT = [...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join('|');
const UNIT_ALT = [...UNIT_OF.keys()].sort((a, b) => b.length - a.length).join('|');
const BOUND_ALT =
  "maximaal|hoogstens|ten hoogste|uiterlijk|tot|maximal|höchstens|bis zu|spätestens|up to|at most|no longer than|a maximum of|maximum|max\\.?|jusqu['’]à|au maximum|au plus|fino a|al massimo|hasta|como máximo|op til|højst|maksimalt|högst|upp till|maximalt|" +
  'binnen|innerhalb von|innerhalb|within|na|nach|after|minimaal|ten minste|minstens|mindestens|at least';
// "[bound] [een termijn van|a period of] <number> <unit>"
const DURATION_RE = new RegExp(
  `(?<![\\p{L}\\d])(?:(${BOUND_ALT})\\s+(?:(?:een|eine[nm]?|a|the)\\s+)?(?:(?:periode|termijn|zeitraum|frist|dauer|period|term)\\s+(?:van|von|of)\\s+)?)?` +
    `(\\d{1,6}(?:[.,]\\d+)?|${NUMBER_ALT})\\s*(?:-\\s*)?(${UNIT_ALT})(?![\\p{L}])`,
  'giu',
);

const UNIT_HINT_RE =
  /dag|tag|day|wee?k|woche|maand|mnd|monat|month|jaar|jahr|year|uur|ure|stund|std|hour|min|sec|sek|\ban\b|\bans\b|mois|jour|heure|semaine|mes[ei]?\b|giorn|or[ae]\b|settiman|año|día|hora|semana|måned|månad|år|uge|vecka|tim/i;

/**
 * Durations such as "maximaal 1000 dagen", "22 jaar", "zes maanden", "2 Jahre", "13 months",
 * "24 Stunden", normalised to days. A range "8-18 uur" yields its upper end. Units of a day or
 * longer round to whole days; shorter units stay fractional.
 */
export function extractDurations(text: string): DurationMatch[] {
  const out: DurationMatch[] = [];
  // Cheap pre-check: most sentences name no unit, and the full grammar is a large alternation.
  if (!UNIT_HINT_RE.test(text) && !/\d/.test(text)) return out;
  for (const m of text.matchAll(DURATION_RE)) {
    const [, boundWord, rawNumber, rawUnit] = m;
    const unit = UNIT_OF.get((rawUnit as string).toLowerCase());
    if (unit === undefined) continue;
    const num = (rawNumber as string).toLowerCase();
    const value = /^\d/.test(num) ? Number(num.replace(',', '.')) : NUMBER_WORDS.get(num);
    if (value === undefined || !Number.isFinite(value)) continue;
    const unitWord = (rawUnit as string).toLowerCase();
    // "un an" is how French says one year; "an" after other number words is the ordinary word.
    if (!/^\d/.test(num) && DIGITS_ONLY_UNITS.has(unitWord) && !(unitWord === 'an' && num === 'un')) continue;
    const days = toDays(value, unit);
    const bound = boundWord === undefined ? 'exact' : (BOUNDS.find(([re]) => re.test(boundWord))?.[1] ?? 'exact');
    const start = m.index ?? 0;
    out.push({ days, value, unit, bound, text: m[0], start, end: start + m[0].length });
  }
  for (const m of text.matchAll(COMPACT_RE)) {
    const start = m.index;
    if (out.some((d) => start < d.end && d.start < start + m[0].length)) continue;
    const unit = COMPACT_UNIT[m[2] as string] as DurationUnit;
    const value = Number(m[1]);
    out.push({ days: toDays(value, unit), value, unit, bound: 'exact', text: m[0], start, end: start + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** How the text says session storage ends, when it does. */
export interface SessionEndMatch {
  /** `browser-closed` for "bis zum Schließen des Browsers", `leave-site` for "zodra u de website verlaat". */
  deletedWhen: 'browser-closed' | 'leave-site' | 'session';
  text: string;
  start: number;
  end: number;
}

const SESSION_END: ReadonlyArray<[RegExp, SessionEndMatch['deletedWhen']]> = [
  [
    /(?:zodra|wanneer|als|nadat) (?:u|je|jij|de (?:bezoeker|gebruiker|klant)) de (?:website|site|webshop|pagina) verlaat|(?:sobald|wenn) (?:Sie|du|der (?:Besucher|Nutzer)) (?:die|unsere) (?:Website|Seite|Webseite) verlass\w*|(?:once|when|as soon as) (?:you|the (?:visitor|user)) leaves? (?:the|our) (?:website|site)/iu,
    'leave-site',
  ],
  [
    /(?:de |uw |je )?browser (?:sluit|afsluit|wordt gesloten)|(?:sluiten|afsluiten) van (?:de |uw |je )?browser|(?:schließen|beenden) (?:Sie )?(?:Ihren |den |deinen )?Browser|Schließen des Browsers|(?:close|closing) (?:your|the) browser|browser is closed/iu,
    'browser-closed',
  ],
  [
    /(?:duur|einde) van de (?:browser)?sessie|dauer der (?:browser)?sitzung|ende der (?:browser)?sitzung|duration of (?:the|your) (?:browser(?:ing)? )?session|end of (?:the|your) (?:browser(?:ing)? )?session|sessiecookies?|session cookies?|sitzungscookies?/iu,
    'session',
  ],
];

/** "voor de duur van de browsersessie", "zodra de bezoeker de website verlaat", … */
export function extractSessionEnd(text: string): SessionEndMatch | null {
  for (const [re, deletedWhen] of SESSION_END) {
    const m = re.exec(text);
    if (m) return { deletedWhen, text: m[0], start: m.index, end: m.index + m[0].length };
  }
  return null;
}
