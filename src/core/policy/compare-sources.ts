import { siteOf } from '../site.ts';
import { declaredExceeds, sameLifetime } from '../audit/tolerance.ts';
import { cookieClaimMatches } from './merge-declaration.ts';
import { patternsOverlap } from './name-patterns.ts';
import type { CookieClaim, PolicyModel, Processor, Source, SourceOrigin } from './schema.ts';

/** Which statement of the policy text sets the lifetime a declaration exceeds or differs from. */
export type DeclarationLimitRef =
  | { kind: 'text-claim' }
  | { kind: 'promise'; scope: string; ref: string | null; asWritten: string | null; maxDays: number }
  | { kind: 'category'; category: string };

/**
 * Where the policy text and a merged cookie declaration disagree. `text` / `declaration`
 * are the two claims' sources; one is null when the thing is missing on that side.
 */
export type SourceDiscrepancy =
  | { kind: 'processor-only-in-text'; processorId: string; processorName: string; text: Source; declaration: null }
  | { kind: 'processor-only-in-declaration'; processorId: string; processorName: string; text: null; declaration: Source }
  | {
      kind: 'lifetime-mismatch';
      processorId: string | null;
      cookie: string;
      textDays: number;
      declaredDays: number;
      /** Which statement of the text sets the limit. */
      limit: DeclarationLimitRef;
      text: Source;
      declaration: Source;
    }
  | {
      kind: 'category-mismatch';
      processorId: string | null;
      cookie: string;
      textCategory: string;
      declaredCategory: string;
      /** Set when the text's category is the processor's, not the cookie's. */
      processorName: string | null;
      text: Source;
      declaration: Source;
    }
  | {
      kind: 'first-party-mismatch';
      processorId: string | null;
      cookie: string;
      categoryId: string;
      categoryName: string;
      /** The third party the declaration gives the cookie to, when it says. */
      declaredFor: string | null;
      text: Source;
      declaration: Source;
    };

const DECLARATION_ORIGINS: ReadonlySet<SourceOrigin> = new Set(['cookiebot-declaration', 'onetrust-declaration', 'usercentrics-declaration']);

function isDeclared(s: Source): boolean {
  return DECLARATION_ORIGINS.has(s.origin);
}

function isText(s: Source): boolean {
  return s.origin === 'policy-text';
}

/**
 * Whether a text claim and a declaration claim can be about the same cookie: a name against a
 * name or pattern, a pattern against a pattern by the names they match (`_ga_\d+` and the
 * declaration's `_ga_#` overlap; their regex sources never are equal).
 */
function sameNames(text: CookieClaim, declared: CookieClaim): boolean {
  if (declared.name !== undefined) return cookieClaimMatches(text, declared.name, declared.domain ?? null);
  if (declared.pattern === undefined) return false;
  if (text.name !== undefined) return cookieClaimMatches(declared, text.name, text.domain ?? declared.domain ?? null);
  return text.pattern !== undefined && patternsOverlap(text.pattern, declared.pattern);
}

function cookieLabel(c: CookieClaim): string {
  return c.name ?? `/${c.pattern ?? ''}/`;
}

/** What the comparison may know beyond the model. */
export interface CompareOptions {
  /**
   * Whether a catalogue vendor is known to set cookies. A processor the text names but the
   * declaration (a list of cookies) leaves out is a discrepancy only when it sets cookies: the
   * text claims some for it, or its vendor is known to. Without this, only the text's claims count.
   */
  vendorSetsCookies?: (vendorId: string) => boolean;
}

/**
 * Compare policy-text claims with declaration claims of a model (after mergeDeclaration):
 * vendors only one side names, cookie lifetimes beyond what the text allows or different
 * from what it states (both read on a calendar, within the one tolerance), and categories
 * that differ. Empty when no declaration is merged.
 */
export function compareSources(model: PolicyModel, options: CompareOptions = {}): SourceDiscrepancy[] {
  const hasDeclaration =
    model.processors.some((p) => isDeclared(p.source) || p.cookies.some((c) => isDeclared(c.source))) ||
    model.firstPartyCookies.some((c) => isDeclared(c.source));
  if (!hasDeclaration) return [];

  const out: SourceDiscrepancy[] = [];
  const setsCookies = (p: Processor): boolean =>
    p.cookies.some((c) => isText(c.source) && c.storage === 'cookie') || (p.vendorId !== null && options.vendorSetsCookies?.(p.vendorId) === true);
  const shopSites = new Set(model.shop.domains.map((d) => siteOf(d)));

  for (const p of model.processors) {
    const declared = p.cookies.filter((c) => isDeclared(c.source));
    if (isDeclared(p.source)) {
      out.push({
        kind: 'processor-only-in-declaration',
        processorId: p.id,
        processorName: p.name,
        text: null,
        declaration: p.source,
      });
    } else if (isText(p.source) && p.kind === 'service' && p.hosts.length > 0 && declared.length === 0 && !p.subProcessorOf && setsCookies(p)) {
      out.push({
        kind: 'processor-only-in-text',
        processorId: p.id,
        processorName: p.name,
        text: p.source,
        declaration: null,
      });
    }
    for (const c of declared) compareCookie(model, p, c, false, out);
  }
  for (const c of model.firstPartyCookies.filter((fc) => isDeclared(fc.source))) compareCookie(model, null, c, true, out);

  function compareCookie(m: PolicyModel, p: Processor | null, c: CookieClaim, firstPartyList: boolean, acc: SourceDiscrepancy[]): void {
    const label = cookieLabel(c);
    const processorId = p?.id ?? null;
    const days = c.maxLifetimeDays;
    const firstParty = firstPartyList || (c.domain !== undefined && shopSites.has(siteOf(c.domain.replace(/^\*\./, ''))));
    // A provider name ("Cookiebot") says nothing about the cookie's domain; only compare
    // first/third-party limits when the domain is known.
    const partyKnown = firstPartyList || c.domain !== undefined;
    const textClaims = (p ? p.cookies : m.firstPartyCookies).filter((t) => isText(t.source) && sameNames(t, c));

    for (const t of textClaims) {
      if (days !== null && t.maxLifetimeDays !== null && !sameLifetime(t.maxLifetimeDays, days)) {
        acc.push({
          kind: 'lifetime-mismatch',
          processorId,
          cookie: label,
          textDays: t.maxLifetimeDays,
          declaredDays: days,
          limit: { kind: 'text-claim' },
          text: t.source,
          declaration: c.source,
        });
      }
      if (t.category != null && c.category != null && t.category !== c.category) {
        acc.push({
          kind: 'category-mismatch',
          processorId,
          cookie: label,
          textCategory: t.category,
          declaredCategory: c.category,
          processorName: null,
          text: t.source,
          declaration: c.source,
        });
      }
    }

    if (p && isText(p.source) && p.category !== null && c.category != null && p.category !== c.category && c.category !== 'unclassified') {
      acc.push({
        kind: 'category-mismatch',
        processorId,
        cookie: label,
        textCategory: p.category,
        declaredCategory: c.category,
        processorName: p.name,
        text: p.source,
        declaration: c.source,
      });
    }

    if (days !== null && c.storage === 'cookie') {
      for (const promise of m.promises) {
        if (promise.kind !== 'max-cookie-lifetime' || !isText(promise.source) || !declaredExceeds(days, promise.maxDays)) continue;
        const applies =
          promise.scope === 'all' ||
          (promise.scope === 'first-party' && partyKnown && firstParty) ||
          (promise.scope === 'third-party' && partyKnown && !firstParty) ||
          (promise.scope === 'processor' && promise.ref === processorId) ||
          (promise.scope === 'cookie' && promise.ref === c.name) ||
          (promise.scope === 'category' && (promise.ref === c.category || (p !== null && promise.ref === p.category)));
        if (!applies) continue;
        acc.push({
          kind: 'lifetime-mismatch',
          processorId,
          cookie: label,
          textDays: promise.maxDays,
          declaredDays: days,
          limit: { kind: 'promise', scope: promise.scope, ref: promise.ref ?? null, asWritten: promise.asWritten ?? null, maxDays: promise.maxDays },
          text: promise.source,
          declaration: c.source,
        });
      }
    }

    const category = m.cookieCategories.find((k) => k.id === c.category && isText(k.source));
    if (category) {
      if (days !== null && c.storage === 'cookie' && category.maxLifetimeDays !== null && declaredExceeds(days, category.maxLifetimeDays)) {
        acc.push({
          kind: 'lifetime-mismatch',
          processorId,
          cookie: label,
          textDays: category.maxLifetimeDays,
          declaredDays: days,
          limit: { kind: 'category', category: category.name },
          text: category.source,
          declaration: c.source,
        });
      }
      if (category.firstPartyOnly === true && partyKnown && !firstParty && c.storage === 'cookie') {
        acc.push({
          kind: 'first-party-mismatch',
          processorId,
          cookie: label,
          categoryId: category.id,
          categoryName: category.name,
          declaredFor: c.domain ?? p?.name ?? null,
          text: category.source,
          declaration: c.source,
        });
      }
    }
  }
  return out;
}
