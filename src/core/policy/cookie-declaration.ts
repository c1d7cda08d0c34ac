import { parseDuration } from './duration.ts';
import type { StorageType } from './schema.ts';

export type DeclarationOrigin = 'cookiebot-declaration' | 'onetrust-declaration' | 'usercentrics-declaration';

/** Category ids declarations are mapped onto (Cookiebot's and OneTrust's defaults). */
export type DeclaredCategory = 'necessary' | 'preferences' | 'statistics' | 'marketing' | 'unclassified';

/** One row of a consent tool's cookie declaration, normalised. */
export interface DeclaredCookie {
  /** Name as declared; may contain the tool's wildcard notation (`_ga_#`, `_pk_id.*`). */
  name: string;
  /** Regex source when `name` holds a wildcard, else null. */
  pattern: string | null;
  /** Provider as declared ("Google", "doubleclick.net"). */
  provider: string;
  /** Cookie domain / host when the declaration names one, lower-case, no leading dot. */
  host: string | null;
  category: DeclaredCategory;
  /** The category's label in the declaration ("Statistics", "Targeting Cookies"). */
  categoryLabel: string;
  purpose: string;
  storage: StorageType;
  /** 0 = session; null = "persistent" or unparseable. */
  maxLifetimeDays: number | null;
  /** Lifetime as declared ("1 jaar", "Session", "365"). */
  expiryText: string;
  /** The row rendered as text; becomes the claim's source quote. */
  quote: string;
}

/**
 * A service (processor) a declaration lists without naming its cookies: Usercentrics'
 * data processing services. It declares the company, not a cookie.
 */
export interface DeclaredService {
  /** The service as the tool names it ("Google Analytics"). */
  name: string;
  /** The processing company when the list states one ("Google Ireland Limited"), else null. */
  legalEntity: string | null;
  category: DeclaredCategory;
  categoryLabel: string;
  /** The purposes the list gives, each as written. */
  purposes: string[];
  /** The service's entry rendered as text; becomes the claim's source quote. */
  quote: string;
}

/** A parsed declaration; `document` identifies where it was fetched from (URL or id). */
export interface CookieDeclaration {
  origin: DeclarationOrigin;
  document: string;
  cookies: DeclaredCookie[];
  /** Services declared without cookies (absent for cookie tables). */
  services?: DeclaredService[];
}

/** A row that could not be used, with why (e.g. pixel trackers, which are not storage). */
export interface DeclarationIssue {
  where: string;
  message: string;
}

export type DeclarationParseResult = { ok: true; declaration: CookieDeclaration; skipped: DeclarationIssue[] } | { ok: false; issues: DeclarationIssue[] };

const WILDCARD_RE = /[#*]/;
const COUNT_SUFFIX_RE = /\s*\[x\d+\]\s*$/;
const REGEX_SPECIAL_RE = /[.+?^${}()|[\]\\]/g;
const HOSTNAME_RE = /^\.?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

/**
 * Name and regex for a declared name. Both tools write `#` or `*` for a variable part
 * (`_ga_#`), and Cookiebot appends ` [xN]` when it folded N similar keys into one row; the
 * suffix is not part of any real key, so it is dropped.
 */
export function parseDeclaredName(raw: string): { name: string; pattern: string | null } {
  const name = raw.replace(COUNT_SUFFIX_RE, '').trim();
  return { name, pattern: declaredNamePattern(name) };
}

/** Anchored regex for a name with wildcards, else null. */
export function declaredNamePattern(name: string): string | null {
  const base = name.replace(COUNT_SUFFIX_RE, '');
  if (!WILDCARD_RE.test(base)) return null;
  const body = base
    .split(/[#*]/)
    .map((part) => part.replace(REGEX_SPECIAL_RE, '\\$&'))
    .join('.+');
  return `^${body}$`;
}

/** Hostname in a provider/host field ("www.google.com", ".doubleclick.net"), else null. */
export function declaredHost(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (!HOSTNAME_RE.test(v)) return null;
  return v.startsWith('.') ? v.slice(1) : v;
}

/**
 * Lifetime in days from a declared expiry such as "1 jaar", "400 days", "1–2 years",
 * "Session", by the project's one duration model (duration.ts): months and years are
 * stored as their nominal days (13 months = 396, 2 years = 731) and compared on a calendar.
 * "Persistent" and unknown wording give null.
 */
export function parseExpiryDays(expiry: string): number | null {
  return parseDuration(expiry)?.days ?? null;
}
