/**
 * The one duration model of the project. Texts state lifetimes in calendar units ("13
 * maanden", "2 Jahre", "1–2 years", "Session"); models store days; observations measure
 * days. Calendar units are not fixed lengths: a month is 28–31 days, a year 365–366, so "13
 * months" is 393–397 days and "396 days" can be the same thing. Every conversion from a
 * unit to days (declaration importers, the drafter) and every reading of a stored day count
 * (the audit, the declaration comparison) goes through this file; the tolerance on top of
 * it is in src/core/audit/tolerance.ts.
 */

export type DurationUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Shortest and longest number of days a stated duration can be. `session` is 0 days. */
export interface DaySpan {
  minDays: number;
  maxDays: number;
}

/** A duration as parsed from a text, with the day count a model stores for it. */
export interface ParsedDuration extends DaySpan {
  /** `session` for "Session" / "sessie" / "Sitzung"; `span` otherwise. */
  kind: 'session' | 'span';
  /** What a model stores: the nominal days of the upper end (a limit is its upper end). */
  days: number;
}

// Average Gregorian lengths: 22 years = 8036 days, 6 months = 183 days, 13 months = 396 days.
const DAYS_PER_YEAR = 365.25;
const FIXED_DAYS: Readonly<Record<Exclude<DurationUnit, 'month' | 'year'>, number>> = {
  second: 1 / 86_400,
  minute: 1 / 1_440,
  hour: 1 / 24,
  day: 1,
  week: 7,
};

/**
 * Nominal days of `value` units: what a model stores for "13 months" (396) or "2 jaar"
 * (731). Units of a day or longer round to whole days; shorter units stay fractional.
 */
export function nominalDays(value: number, unit: DurationUnit): number {
  const exact = unit === 'year' ? value * DAYS_PER_YEAR : unit === 'month' ? (value * DAYS_PER_YEAR) / 12 : value * FIXED_DAYS[unit];
  return unit === 'second' || unit === 'minute' || unit === 'hour' ? Math.round(exact * 1e6) / 1e6 : Math.round(exact);
}

// Four years of months (one leap year): every run of consecutive calendar months is a window
// of this cycle. The Gregorian century rule changes nothing a cookie lifetime can show.
const MONTH_CYCLE = [0, 1, 2, 3].flatMap((y) => [31, y === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
const CYCLE_DAYS = 1461;
const monthSpanCache = new Map<number, DaySpan>();

/** Shortest and longest run of `n` whole consecutive calendar months. */
function wholeMonthsSpan(n: number): DaySpan {
  const cached = monthSpanCache.get(n);
  if (cached) return cached;
  const full = Math.floor(n / MONTH_CYCLE.length) * CYCLE_DAYS;
  const rest = n % MONTH_CYCLE.length;
  let min = Infinity;
  let max = 0;
  for (let start = 0; start < MONTH_CYCLE.length; start++) {
    let sum = 0;
    for (let i = 0; i < rest; i++) sum += MONTH_CYCLE[(start + i) % MONTH_CYCLE.length] as number;
    min = Math.min(min, sum);
    max = Math.max(max, sum);
  }
  const span = { minDays: full + min, maxDays: full + max };
  monthSpanCache.set(n, span);
  return span;
}

/** The days `value` units can be on a calendar: "13 months" = 393–397, "2 years" = 730–731. */
export function calendarSpan(value: number, unit: DurationUnit): DaySpan {
  if (unit === 'month') {
    if (Number.isInteger(value)) return wholeMonthsSpan(value);
    return { minDays: value * 28, maxDays: value * 31 };
  }
  if (unit === 'year') {
    if (Number.isInteger(value)) return { minDays: 365 * value + Math.floor(value / 4), maxDays: 365 * value + Math.ceil(value / 4) };
    return { minDays: value * 365, maxDays: value * 366 };
  }
  const days = value * FIXED_DAYS[unit];
  return { minDays: days, maxDays: days };
}

// Years up to this many are recognised in a bare day count; longer limits are read as days.
const MAX_READ_YEARS = 100;
const MAX_READ_MONTHS = 36;

/**
 * The calendar span a day count stored in a model may stand for. Models store days, so
 * "2 jaar" arrives as 730 (365 a year) or 731 (this model's 365.25), and "13 maanden" as 396:
 * a count that is what a whole number of years (365n, 366n or the nominal) or of months (the
 * nominal, 2 months or more) converts to is read as that calendar span. Any other count is
 * exact. One month (30) is left exact: "30 dagen" is a common limit written in days.
 */
export function readDays(days: number): DaySpan {
  if (!(days > 0) || !Number.isInteger(days)) return { minDays: days, maxDays: days };
  for (const per of [365, 366]) {
    if (days % per === 0 && days / per <= MAX_READ_YEARS) return widen(days, calendarSpan(days / per, 'year'));
  }
  const years = Math.round(days / DAYS_PER_YEAR);
  if (years >= 1 && years <= MAX_READ_YEARS && nominalDays(years, 'year') === days) return widen(days, calendarSpan(years, 'year'));
  const months = Math.round((days * 12) / DAYS_PER_YEAR);
  if (months >= 2 && months <= MAX_READ_MONTHS && nominalDays(months, 'month') === days) return widen(days, calendarSpan(months, 'month'));
  return { minDays: days, maxDays: days };
}

function widen(days: number, span: DaySpan): DaySpan {
  return { minDays: Math.min(days, span.minDays), maxDays: Math.max(days, span.maxDays) };
}

const UNIT_WORDS: Readonly<Record<DurationUnit, readonly string[]>> = {
  second: [
    'seconde',
    'seconden',
    'sekunde',
    'sekunden',
    'second',
    'seconds',
    'secondes',
    'secondi',
    'segundo',
    'segundos',
    'sekund',
    'sekunder',
    'sec',
    'sek',
    's',
  ],
  minute: ['minuut', 'minuten', 'minute', 'minutes', 'minuti', 'minuto', 'minutos', 'minut', 'minutter', 'minuter', 'min'],
  hour: ['uur', 'uren', 'stunde', 'stunden', 'hour', 'hours', 'heure', 'heures', 'ora', 'ore', 'hora', 'horas', 'time', 'timer', 'timme', 'timmar', 'std', 'h'],
  day: ['dag', 'dagen', 'tag', 'tage', 'tagen', 'day', 'days', 'jour', 'jours', 'giorno', 'giorni', 'día', 'días', 'dia', 'dias', 'dage', 'dagar', 'd'],
  week: ['week', 'weken', 'woche', 'wochen', 'weeks', 'semaine', 'semaines', 'settimana', 'settimane', 'semana', 'semanas', 'uge', 'uger', 'vecka', 'veckor'],
  month: [
    'maand',
    'maanden',
    'mnd',
    'monat',
    'monate',
    'monaten',
    'month',
    'months',
    'mois',
    'mese',
    'mesi',
    'mes',
    'meses',
    'måned',
    'måneder',
    'månad',
    'månader',
  ],
  year: [
    'jaar',
    'jaren',
    'jahr',
    'jahre',
    'jahren',
    'jahres',
    'year',
    'years',
    'an',
    'ans',
    'année',
    'années',
    'anno',
    'anni',
    'año',
    'años',
    'år',
    'åren',
    'y',
  ],
};

/** Unit words of nl, de, en, fr, it, es, da and sv, lower-case, singular and plural. */
export const DURATION_UNIT_OF: ReadonlyMap<string, DurationUnit> = new Map(
  (Object.entries(UNIT_WORDS) as Array<[DurationUnit, readonly string[]]>).flatMap(([unit, words]) => words.map((w) => [w, unit] as [string, DurationUnit])),
);

const SESSION_RE = /^(?:session|sessie|sitzung|sessionen?|browsersessie|browsersitzung|sesión|sessione|sessione del browser)$/;
// "13 months", "1,5 jaar", "1–2 years", "1 - 2 Jahre", "400" (a bare number is days).
const DURATION_TEXT_RE = /^(\d+(?:[.,]\d+)?)(?:\s*[-–—]\s*(\d+(?:[.,]\d+)?))?\s*([\p{L}]+)?\.?$/u;

/**
 * A declared duration: "1 jaar", "13 months", "1–2 years", "400 days", "400" (days),
 * "Session". Unknown wording ("Persistent", "bis zum Widerruf") gives null.
 */
export function parseDuration(text: string): ParsedDuration | null {
  const t = text.trim().toLowerCase();
  if (SESSION_RE.test(t)) return { kind: 'session', days: 0, minDays: 0, maxDays: 0 };
  const m = DURATION_TEXT_RE.exec(t);
  if (!m) return null;
  const unit = m[3] === undefined ? 'day' : DURATION_UNIT_OF.get(m[3]);
  if (unit === undefined) return null;
  const low = Number((m[1] as string).replace(',', '.'));
  const high = m[2] === undefined ? low : Number(m[2].replace(',', '.'));
  if (!Number.isFinite(low) || !Number.isFinite(high) || high < low) return null;
  return { kind: 'span', days: nominalDays(high, unit), minDays: calendarSpan(low, unit).minDays, maxDays: calendarSpan(high, unit).maxDays };
}
