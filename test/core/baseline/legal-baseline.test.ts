import { describe, expect, it } from 'vitest';
import { BASELINE_CLAUSES, baselineClause, nationalTrackerLifetime } from '../../../src/core/baseline/legal-baseline';

describe('legal baseline', () => {
  it('quotes every legal source like a policy clause: text, article, law, origin and language', () => {
    for (const clause of BASELINE_CLAUSES) {
      expect(clause.quote.length).toBeGreaterThan(80);
      expect(clause.section).toMatch(/Article|§/);
      expect(clause.document).toMatch(/Directive|Regulation|Gesetz|Délibération/);
      expect(clause.origin).toBe('legal-baseline');
      expect(['en', 'de', 'fr']).toContain(clause.language);
    }
  });

  it('holds device access to the ePrivacy Directive, and German shops to its transposition § 25 TDDDG', () => {
    expect(baselineClause('device-access-needs-consent', 'connox.nl')).toMatchObject({ section: 'Article 5(3)', language: 'en' });
    expect(baselineClause('device-access-needs-consent', 'connox.de')).toMatchObject({ section: '§ 25 Abs. 1', language: 'de' });
    expect(baselineClause('device-access-needs-consent', 'shop.co.uk').document).toMatch(/2002\/58\/EC/);
    expect(baselineClause('transfer-information', 'connox.nl').section).toBe('Article 13(1)(f)');
  });

  it('holds French shops to the CNIL recommendation of 13 months, marked as a national recommendation; other shops to none', () => {
    const fr = nationalTrackerLifetime('boutique.fr');
    expect(fr).toMatchObject({ maxDays: 396, authority: 'CNIL' });
    expect(fr?.clause).toMatchObject({ section: 'Article 5', language: 'fr', origin: 'legal-baseline' });
    expect(fr?.clause.quote).toContain('treize mois');
    expect(fr?.clause.document).toMatch(/2020-092 du 17 septembre 2020.*recommandation nationale, FR/);
    expect(nationalTrackerLifetime('connox.nl')).toBeNull();
    expect(nationalTrackerLifetime('connox.de')).toBeNull();
  });
});
