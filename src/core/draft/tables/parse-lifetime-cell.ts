import { extractDurations } from '../extract-durations.ts';
import { DRAFT_LANGUAGES, LEXICONS } from '../lexicon/lexicons.ts';

/** A duration cell read: days (0 = session), or null when it states none ("persistent", "-"). */
export interface LifetimeCell {
  days: number | null;
  /** The words the lifetime rests on. */
  text: string;
  start: number;
  end: number;
}

const SESSION_WORD_RE = /^(?:session|sitzung|sessie|sessione|sesión|sesion|sessionen)\b/i;

/**
 * Reads a cookie table's duration cell in any of the eight languages: "2 years", "30d",
 * "13 mois", "Session", "Sitzung", "Fin de la session". A range gives its upper end; several
 * durations the longest ("1 Jahr / 2 Jahre").
 */
export function parseLifetimeCell(cell: string): LifetimeCell | null {
  const t = cell.trim();
  if (t === '' || t === '-') return null;
  for (const lang of DRAFT_LANGUAGES) if (LEXICONS[lang].session.test(t)) return { days: 0, text: t, start: 0, end: cell.length };
  const durations = extractDurations(t);
  if (durations.length > 0) {
    const longest = durations.reduce((a, b) => (b.days > a.days ? b : a));
    const offset = cell.indexOf(t);
    return { days: longest.days, text: longest.text, start: offset + longest.start, end: offset + longest.end };
  }
  const session = SESSION_WORD_RE.exec(t);
  if (session) return { days: 0, text: session[0], start: cell.indexOf(t), end: cell.indexOf(t) + session[0].length };
  return null;
}
