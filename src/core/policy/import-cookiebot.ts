import { declaredHost, parseDeclaredName, parseExpiryDays } from './cookie-declaration.ts';
import type { DeclarationIssue, DeclarationParseResult, DeclaredCategory, DeclaredCookie } from './cookie-declaration.ts';
import type { StorageType } from './schema.ts';

const TABLES: ReadonlyArray<[string, DeclaredCategory, string]> = [
  ['Necessary', 'necessary', 'Necessary'],
  ['Preference', 'preferences', 'Preferences'],
  ['Statistics', 'statistics', 'Statistics'],
  ['Advertising', 'marketing', 'Marketing'],
  ['Unclassified', 'unclassified', 'Unclassified'],
];
const MAX_DEPTH = 4;
const TAG_RE = /<[^>]*>/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };
const ENTITY_RE = /&(?:amp|lt|gt|quot|#39|nbsp);/g;
const NUMBER_RE = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parse Cookiebot's declaration script (`consent.cookiebot.com/<cbid>/cd.js` or `cc.js`):
 * it assigns `CookieConsentDialog.cookieTable<Category> = [[name, provider, purpose,
 * expiry, type, …], …]`. Only those array literals are read — the script is never run.
 */
export function parseCookiebotDeclaration(script: string, document: string): DeclarationParseResult {
  if (typeof script !== 'string') return { ok: false, issues: [{ where: document, message: 'expected the script text' }] };
  const cookies: DeclaredCookie[] = [];
  const skipped: DeclarationIssue[] = [];
  const issues: DeclarationIssue[] = [];
  let tablesFound = 0;
  for (const [table, category, label] of TABLES) {
    const variable = `CookieConsentDialog.cookieTable${table}`;
    const start = findAssignment(script, variable);
    if (start === null) continue;
    const parsed = parseLiteral(script, start, 0);
    if (!parsed.ok) {
      issues.push({ where: variable, message: parsed.message });
      continue;
    }
    if (!Array.isArray(parsed.value)) {
      issues.push({ where: variable, message: 'expected an array of rows' });
      continue;
    }
    tablesFound++;
    parsed.value.forEach((row, i) => {
      const where = `${variable}[${i}]`;
      const result = rowToCookie(row, category, label);
      if (typeof result === 'string') skipped.push({ where, message: result });
      else cookies.push(result);
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  if (tablesFound === 0) {
    return { ok: false, issues: [{ where: document, message: 'no CookieConsentDialog.cookieTable… arrays found; is this a Cookiebot cd.js?' }] };
  }
  return { ok: true, declaration: { origin: 'cookiebot-declaration', document, cookies }, skipped };
}

function rowToCookie(row: unknown, category: DeclaredCategory, label: string): DeclaredCookie | string {
  if (!Array.isArray(row) || row.length < 5) return 'expected [name, provider, purpose, expiry, type, …]';
  const [nameRaw, providerRaw, purposeRaw, expiry, type] = row.map((v) => (typeof v === 'string' ? cleanText(v) : v));
  if (typeof nameRaw !== 'string' || nameRaw === '') return 'row has no cookie name';
  const { name, pattern } = parseDeclaredName(nameRaw);
  const provider = typeof providerRaw === 'string' ? providerRaw : '';
  const purpose = typeof purposeRaw === 'string' ? purposeRaw : '';
  const expiryText = typeof expiry === 'string' ? expiry : '';
  const maxLifetimeDays = parseExpiryDays(expiryText);
  const storage = declaredStorageOf(typeof type === 'string' ? type : '', maxLifetimeDays);
  if (storage === null) return `"${name}": type "${String(type)}" is not browser storage (pixel or unknown)`;
  return {
    name,
    pattern,
    provider,
    host: declaredHost(provider),
    category,
    categoryLabel: label,
    purpose,
    storage,
    maxLifetimeDays,
    expiryText,
    quote: [nameRaw, provider, purpose, expiryText, String(type)].join(' | '),
  };
}

/** Storage a declared type means ("HTTP Cookie", "HTML Local Storage", localised alike); null for pixels and unknown types. */
export function declaredStorageOf(type: string, lifetime: number | null): StorageType | null {
  const t = type.toLowerCase();
  if (t.includes('pixel')) return null;
  if (t.includes('http')) return 'cookie';
  if (t.includes('indexeddb') || t.includes('indexed')) return 'indexedDB';
  if (t.includes('session')) return 'sessionStorage';
  if (t.includes('local')) return 'localStorage';
  // Older declarations only say "HTML"; a session lifetime means sessionStorage.
  if (t.includes('html')) return lifetime === 0 ? 'sessionStorage' : 'localStorage';
  return null;
}

function cleanText(value: string): string {
  return value
    .replace(TAG_RE, ' ')
    .replace(ENTITY_RE, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Offset just after `<variable> =` (not `==`), or null. */
function findAssignment(script: string, variable: string): number | null {
  let from = 0;
  for (;;) {
    const i = script.indexOf(variable, from);
    if (i < 0) return null;
    let j = i + variable.length;
    // `cookieTableNecessaryCount` shares the prefix; require the name to end here.
    if (/[\w$]/.test(script[j] ?? '')) {
      from = j;
      continue;
    }
    while (j < script.length && /\s/.test(script[j] as string)) j++;
    if (script[j] === '=' && script[j + 1] !== '=') return j + 1;
    from = j;
  }
}

type Literal = string | number | boolean | null | Literal[];
type LiteralResult = { ok: true; value: Literal; end: number } | { ok: false; message: string };

/** Reads a JS array/string/number literal starting at `start` (after whitespace). */
function parseLiteral(src: string, start: number, depth: number): LiteralResult {
  let i = skipWs(src, start);
  const c = src[i];
  if (c === '[') {
    if (depth >= MAX_DEPTH) return { ok: false, message: 'arrays nested too deeply' };
    const items: Literal[] = [];
    i = skipWs(src, i + 1);
    if (src[i] === ']') return { ok: true, value: items, end: i + 1 };
    for (;;) {
      const item = parseLiteral(src, i, depth + 1);
      if (!item.ok) return item;
      items.push(item.value);
      i = skipWs(src, item.end);
      if (src[i] === ',') {
        i = skipWs(src, i + 1);
        if (src[i] === ']') return { ok: true, value: items, end: i + 1 };
        continue;
      }
      if (src[i] === ']') return { ok: true, value: items, end: i + 1 };
      return { ok: false, message: `expected "," or "]" at offset ${i}` };
    }
  }
  if (c === '"' || c === "'") return parseString(src, i, c);
  for (const [word, value] of [
    ['true', true],
    ['false', false],
    ['null', null],
  ] as const) {
    if (src.startsWith(word, i)) return { ok: true, value, end: i + word.length };
  }
  NUMBER_RE.lastIndex = i;
  const num = NUMBER_RE.exec(src);
  if (num) return { ok: true, value: Number(num[0]), end: i + num[0].length };
  return { ok: false, message: `unexpected ${c === undefined ? 'end of script' : JSON.stringify(c)} at offset ${i}` };
}

function parseString(src: string, start: number, quote: string): LiteralResult {
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === quote) return { ok: true, value: out, end: i + 1 };
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(src.slice(i + 2, i + 4))) {
        out += String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16));
        i += 4;
        continue;
      }
      out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
      i += 2;
      continue;
    }
    if (c === '\n') return { ok: false, message: `string not closed at offset ${start}` };
    out += c;
    i++;
  }
  return { ok: false, message: `string not closed at offset ${start}` };
}

function skipWs(src: string, i: number): number {
  while (i < src.length && /\s/.test(src[i] as string)) i++;
  return i;
}
