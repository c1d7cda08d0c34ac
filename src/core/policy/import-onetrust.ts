import { declaredHost, parseDeclaredName } from './cookie-declaration.ts';
import type { DeclarationIssue, DeclarationParseResult, DeclaredCategory, DeclaredCookie } from './cookie-declaration.ts';

// OneTrust's default group ids; custom groups fall back to their name.
const GROUP_IDS: Readonly<Record<string, DeclaredCategory>> = {
  C0001: 'necessary',
  C0002: 'statistics',
  C0003: 'preferences',
  C0004: 'marketing',
  C0005: 'marketing',
};
const NAME_HINTS: ReadonlyArray<[RegExp, DeclaredCategory]> = [
  [/necessary|essential|noodzakelijk|notwendig|nødvendig/i, 'necessary'],
  [/performance|statisti|analytic|prestatie/i, 'statistics'],
  [/functional|preference|functione|voorkeur|funktional/i, 'preferences'],
  [/target|advertis|marketing|social|reclame|werbung/i, 'marketing'],
];

type Json = Record<string, unknown>;

/**
 * Parse OneTrust's domain data JSON (`cdn.cookielaw.org/consent/<id>/<lang>.json`; the
 * top level is either `{ DomainData: { Groups } }` or `{ Groups }`). Each group lists
 * `FirstPartyCookies[]` and `Hosts[].Cookies[]` with `Name`, `Host`, `Length` (days as a
 * string) and `IsSession`.
 */
export function parseOneTrustDeclaration(jsonText: string, document: string): DeclarationParseResult {
  let data: unknown;
  try {
    data = JSON.parse(jsonText);
  } catch (err) {
    return { ok: false, issues: [{ where: document, message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const root = isObject(data) && isObject(data.DomainData) ? data.DomainData : data;
  if (!isObject(root) || !Array.isArray(root.Groups)) {
    return { ok: false, issues: [{ where: document, message: 'no Groups[] found; is this OneTrust domain data?' }] };
  }
  const cookies: DeclaredCookie[] = [];
  const skipped: DeclarationIssue[] = [];
  root.Groups.forEach((group, g) => {
    if (!isObject(group)) {
      skipped.push({ where: `Groups[${g}]`, message: 'not an object' });
      return;
    }
    const label = str(group.GroupName) || str(group.OptanonGroupId) || `group ${g}`;
    const category = categoryOf(group);
    const add = (cookie: unknown, where: string, provider: string) => {
      const result = toCookie(cookie, category, label, provider);
      if (typeof result === 'string') skipped.push({ where, message: result });
      else cookies.push(result);
    };
    list(group.FirstPartyCookies).forEach((c, i) => add(c, `Groups[${g}].FirstPartyCookies[${i}]`, ''));
    list(group.Hosts).forEach((host, h) => {
      if (!isObject(host)) return;
      const provider = str(host.HostName) || str(host.DisplayName);
      list(host.Cookies).forEach((c, i) => add(c, `Groups[${g}].Hosts[${h}].Cookies[${i}]`, provider));
    });
  });
  return { ok: true, declaration: { origin: 'onetrust-declaration', document, cookies }, skipped };
}

function toCookie(raw: unknown, category: DeclaredCategory, label: string, hostProvider: string): DeclaredCookie | string {
  if (!isObject(raw)) return 'not an object';
  const rawName = str(raw.Name).trim();
  if (rawName === '') return 'cookie has no Name';
  const { name, pattern } = parseDeclaredName(rawName);
  const host = str(raw.Host).trim();
  const provider = hostProvider || host;
  const isSession = raw.IsSession === true;
  const length = str(raw.Length).trim();
  const days = Number(length);
  const maxLifetimeDays = isSession ? 0 : length !== '' && Number.isFinite(days) && days >= 0 ? days : null;
  const purpose = str(raw.description ?? raw.Description)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const expiryText = isSession ? 'Session' : length;
  return {
    name,
    pattern,
    provider,
    host: declaredHost(host) ?? declaredHost(hostProvider),
    category,
    categoryLabel: label,
    purpose,
    // OneTrust lists cookies only; storage keys are not part of the domain data.
    storage: 'cookie',
    maxLifetimeDays,
    expiryText,
    quote: [rawName, host, purpose, isSession ? 'Session' : `${length} days`].join(' | '),
  };
}

function categoryOf(group: Json): DeclaredCategory {
  const byId = GROUP_IDS[str(group.OptanonGroupId)];
  if (byId) return byId;
  const name = str(group.GroupName);
  for (const [re, category] of NAME_HINTS) if (re.test(name)) return category;
  return 'unclassified';
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
