import { describe, expect, it } from 'vitest';
import { nodeData } from '../../../src/data/node-data.ts';
import { compareSources } from '../../../src/core/policy/compare-sources.ts';
import { parseDeclaredName, parseExpiryDays } from '../../../src/core/policy/cookie-declaration.ts';
import type { CookieDeclaration } from '../../../src/core/policy/cookie-declaration.ts';
import { mergeDeclaration } from '../../../src/core/policy/merge-declaration.ts';
import type { CookieClaim, PolicyModel } from '../../../src/core/policy/schema.ts';

const connox = nodeData.models()[0] as PolicyModel;
const DOC = 'https://consent.cookiebot.com/x/cd.js';

/** Connox with Google Analytics' text claims replaced by one cookie claim. */
function withTextClaim(claim: Partial<CookieClaim>): PolicyModel {
  const model = structuredClone(connox);
  const ga = model.processors.find((p) => p.id === 'google-analytics');
  if (!ga) throw new Error('fixture: no google-analytics processor');
  ga.cookies = [
    {
      storage: 'cookie',
      maxLifetimeDays: null,
      purpose: 'statistics',
      source: { ...ga.source, origin: 'policy-text' },
      checkable: true,
      ...claim,
    } as CookieClaim,
  ];
  return model;
}

/** A Cookiebot declaration of one Google Analytics cookie with the expiry as written. */
function declaring(rawName: string, expiryText: string): CookieDeclaration {
  const { name, pattern } = parseDeclaredName(rawName);
  return {
    origin: 'cookiebot-declaration',
    document: DOC,
    cookies: [
      {
        name,
        pattern,
        provider: 'Google',
        host: null,
        category: 'statistics',
        categoryLabel: 'Statistics',
        purpose: '',
        storage: 'cookie',
        maxLifetimeDays: parseExpiryDays(expiryText),
        expiryText,
        quote: `${rawName} | ${expiryText}`,
      },
    ],
  };
}

function lifetimeMismatches(model: PolicyModel, declaration: CookieDeclaration): unknown[] {
  const merged = mergeDeclaration(model, declaration, { resolveVendor: () => 'google-analytics' });
  return compareSources(merged).filter((d) => d.kind === 'lifetime-mismatch' && d.processorId === 'google-analytics');
}

describe('compareSources on a calendar', () => {
  it.each([
    ['13 months in both documents', 396, '13 maanden'],
    ['"396 days" in the text, 13 months declared', 396, '13 months'],
    ['2 jaar at 365 days a year in the text, "2 jaar" declared', 730, '2 jaar'],
    ['1 year in the text, "1 year" declared', 365, '1 year'],
  ])('%s is the same lifetime', (_what, textDays, expiry) => {
    expect(lifetimeMismatches(withTextClaim({ name: '_ga', maxLifetimeDays: textDays }), declaring('_ga', expiry))).toEqual([]);
  });

  it.each([
    ['13 months against 400 days', 396, '400 days'],
    ['1 year against 2 years', 365, '2 years'],
    ['90 days against 1–2 years', 90, '1–2 years'],
  ])('%s is a mismatch', (_what, textDays, expiry) => {
    expect(lifetimeMismatches(withTextClaim({ name: '_ga', maxLifetimeDays: textDays }), declaring('_ga', expiry))).toHaveLength(1);
  });

  it('compares a text pattern with a declared wildcard by the names both match', () => {
    // `_ga_\d+` and the declaration's `_ga_#` (^_ga_.+$) never have the same regex source.
    const text = withTextClaim({ pattern: '^_ga_\\d+$', maxLifetimeDays: 396 });
    expect(lifetimeMismatches(text, declaring('_ga_#', '2 years'))).toMatchObject([{ cookie: '/^_ga_.+$/', textDays: 396, declaredDays: 731 }]);
    expect(lifetimeMismatches(text, declaring('_ga_#', '13 months'))).toEqual([]);
  });

  it('does not compare patterns that match different names', () => {
    const text = withTextClaim({ pattern: '^_pk_id\\..+$', maxLifetimeDays: 30 });
    expect(lifetimeMismatches(text, declaring('_pk_ses.*', '2 years'))).toEqual([]);
  });
});
