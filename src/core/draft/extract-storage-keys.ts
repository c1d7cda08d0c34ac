import type { StorageType } from '../policy/schema.ts';

/** A cookie or web-storage key name found in a text. */
export interface StorageKeyMatch {
  name: string;
  /** `identifier`: looks like a key ("frc_sid", "_ga"); `catalogue`: a name the vendor catalogue documents. */
  via: 'identifier' | 'catalogue';
  /** The words that describe it: "(frc_sid)" after "Een willekeurige sessie-ID" → that phrase. */
  purpose: string;
  start: number;
  end: number;
}

// Identifier-shaped words: an underscore, or a leading underscore ("_ga", "frc_sid", "__utma"),
// with a placeholder for a variable part where the text gives one ("_hjSession_<ID>", "mf_*").
const PLACEHOLDER = String.raw`(?:<[\w-]{1,30}>|\[[\w-]{1,30}\]|\{[\w-]{1,30}\}|\*)`;
const IDENTIFIER_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.\-/@])((?:_{0,2}[A-Za-z][A-Za-z0-9]*(?:_(?:[A-Za-z0-9]+|${PLACEHOLDER}))+_?|_{1,2}[A-Za-z][A-Za-z0-9]*_?)${PLACEHOLDER}?|[A-Za-z][A-Za-z0-9]*_${PLACEHOLDER})(?![\p{L}\p{N}_(@/]|\.\w)`,
  'gu',
);
const WORD_RE = /(?<![\p{L}\p{N}_.\-/@])([A-Za-z_][A-Za-z0-9_.:-]*[A-Za-z0-9_])(?![\p{L}\p{N}_(@/])/gu;
const LEADING_CONJUNCTION_RE = /^(?:en|evenals|alsmede|of|und|sowie|oder|and|as well as|or)\s+/i;

/** Does the text talk about cookies or browser storage? Key names are only read where it does. */
export const STORAGE_CUE_RE =
  /cookie|kakor|local\s?storage|session\s?storage|web\s?storage|indexeddb|lokale[nrs]? (?:opslag|speicher)|sitzungsspeicher|browseropslag|speicher(?:t|n) im browser|stockage (?:local|de session)|archiviazione (?:locale|di sessione)|memoria (?:locale|di sessione)|almacenamiento (?:local|de sesión)|lokal lagring|lokale lager|sessionslagring|sessieopslag/i;

/**
 * Key names in `text`. Catalogue names are matched exactly (case-sensitive) against
 * `knownNames`; other names must look like identifiers. Callers decide from context whether
 * the sentence is about storage at all (`STORAGE_CUE_RE`).
 */
export function extractStorageKeys(text: string, knownNames: ReadonlyMap<string, readonly string[]> = new Map()): StorageKeyMatch[] {
  const found = new Map<number, StorageKeyMatch>();
  for (const m of text.matchAll(IDENTIFIER_RE)) {
    const name = m[1] as string;
    // ALL_CAPS_WITH_UNDERSCORES is a constant or cipher name (DHE_RSA), not a key.
    if (/^[A-Z0-9_]+$/.test(name) && !knownNames.has(name)) continue;
    const start = m.index ?? 0;
    found.set(start, { name, via: knownNames.has(name) ? 'catalogue' : 'identifier', purpose: purposeBefore(text, start), start, end: start + name.length });
  }
  for (const m of text.matchAll(WORD_RE)) {
    const name = m[1] as string;
    const start = m.index ?? 0;
    if (found.has(start) || !knownNames.has(name)) continue;
    found.set(start, { name, via: 'catalogue', purpose: purposeBefore(text, start), start, end: start + name.length });
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

/** "…, het aantal keer dat … zijn geladen (frc_sc)" → "het aantal keer dat … zijn geladen". */
function purposeBefore(text: string, start: number): string {
  if (text[start - 1] !== '(') return '';
  const before = text.slice(0, start - 1);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(':'), before.lastIndexOf(';'), before.lastIndexOf(')'));
  return before
    .slice(cut + 1)
    .trim()
    .replace(LEADING_CONJUNCTION_RE, '')
    .replace(/^[•\-–]\s*/, '');
}

/** Which storage a sentence talks about; cookie unless it names web storage or IndexedDB. */
export function storageTypeOf(text: string): StorageType {
  if (
    /session\s?storage|sitzungsspeicher|sessieopslag|stockage de session|(?:archiviazione|memoria) di sessione|almacenamiento de sesión|sessionslagring/i.test(
      text,
    )
  )
    return 'sessionStorage';
  if (
    /local\s?storage|lokale[nrs]? (?:opslag|speicher)|stockage local|(?:archiviazione|memoria) locale|almacenamiento local|lokal lagring|lokale lager/i.test(
      text,
    )
  )
    return 'localStorage';
  if (/indexeddb/i.test(text)) return 'indexedDB';
  return 'cookie';
}
