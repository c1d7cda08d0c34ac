import { describe, expect, it } from 'vitest';
import { formatScoreTable, scoreFindings, type GroundTruth, type ScoredFinding } from './score';

function finding(over: Partial<ScoredFinding> & { ruleId: string; subject: ScoredFinding['subject'] }): ScoredFinding {
  return { id: `${over.ruleId}:${over.subject.label}`, kind: 'violation', evidence: [], ...over };
}

const vendor = (vendorId: string | null, label = vendorId ?? 'x', processorId: string | null = null) => ({ kind: 'vendor', label, vendorId, processorId });
const cookie = (label: string, vendorId: string | null = null) => ({ kind: 'cookie', label, vendorId, processorId: null });

const TRUTH: GroundTruth = {
  shop: 'shop',
  expected: [
    { id: 'pixel-before', rule: 'tracking-before-consent', vendor: 'facebook-pixel', scenarios: ['none', 'reject'], why: '' },
    { id: 'long-cookie', rule: 'cookie-lifetime-exceeded', cookie: 'fp_recent', scenarios: ['none'], why: '' },
    { id: 'unknown-host', rule: 'undeclared-third-party', host: 'cdn.tracker.example', scenarios: ['none'], why: '' },
  ],
  traps: [
    { id: 'search', kind: 'widget-stores-nothing', rules: ['tracking-before-consent'], vendors: ['doofinder'], scenarios: ['none'], why: '' },
    { id: 'own', kind: 'consent-tool-cookie', rules: ['*'], cookies: ['CookieConsent'], scenarios: ['none'], why: '' },
  ],
};
const truths = new Map([['shop', TRUTH]]);

describe('accuracy scoring', () => {
  it('counts a finding matching rule, subject and scenario as true, and its entry as found', () => {
    const score = scoreFindings(
      [{ shop: 'shop', scenario: 'none', findings: [finding({ ruleId: 'tracking-before-consent', subject: vendor('facebook-pixel') })] }],
      truths,
    );
    expect(score.overall).toMatchObject({ reported: 1, truePositives: 1, expected: 3, found: 1, trapHits: 0, precision: 1 });
    expect(score.overall.recall).toBeCloseTo(1 / 3);
    expect(score.missed.map((m) => m.expected).sort()).toEqual(['long-cookie', 'unknown-host']);
  });

  it('does not match across scenarios, rules or subjects', () => {
    const score = scoreFindings(
      [
        { shop: 'shop', scenario: 'accept', findings: [finding({ ruleId: 'tracking-before-consent', subject: vendor('facebook-pixel') })] },
        { shop: 'shop', scenario: 'none', findings: [finding({ ruleId: 'tracking-after-refusal', subject: vendor('facebook-pixel') })] },
        { shop: 'shop', scenario: 'none', findings: [finding({ ruleId: 'cookie-lifetime-exceeded', subject: cookie('fp_other') })] },
      ],
      truths,
    );
    expect(score.overall.truePositives).toBe(0);
    expect(score.overall.reported).toBe(3);
    expect(score.overall.precision).toBe(0);
  });

  it('matches a vendor the catalogue lacks by its processor id, a cookie by name, an unknown host by its request URLs', () => {
    const score = scoreFindings(
      [
        {
          shop: 'shop',
          scenario: 'none',
          findings: [
            finding({ ruleId: 'tracking-before-consent', subject: vendor(null, 'Meta', 'facebook-pixel') }),
            finding({ ruleId: 'cookie-lifetime-exceeded', subject: cookie('fp_recent') }),
            finding({
              ruleId: 'undeclared-third-party',
              subject: { kind: 'unknown-host', label: 'tracker.example', vendorId: null, processorId: null },
              evidence: [{ type: 'request', url: 'https://cdn.tracker.example/t.js' }],
            }),
          ],
        },
      ],
      truths,
    );
    expect(score.overall).toMatchObject({ reported: 3, truePositives: 3, found: 3, recall: 1 });
  });

  it('counts a false finding on a trap as a trap hit, and leaves notices out', () => {
    const score = scoreFindings(
      [
        {
          shop: 'shop',
          scenario: 'none',
          findings: [
            finding({ ruleId: 'tracking-before-consent', subject: vendor('doofinder') }),
            finding({ ruleId: 'cookie-lifetime-exceeded', subject: cookie('CookieConsent', 'cookiebot') }),
            finding({ ruleId: 'undeclared-cookie', subject: cookie('other') }),
            finding({ ruleId: 'declared-not-observed', kind: 'notice', subject: vendor('doofinder') }),
          ],
        },
      ],
      truths,
    );
    expect(score.overall).toMatchObject({ reported: 3, truePositives: 0, trapHits: 2 });
    expect(score.verdicts.map((v) => v.trap)).toEqual(['search', 'own', null]);
    expect(score.byRule['tracking-before-consent']).toMatchObject({ reported: 1, trapHits: 1 });
  });

  it('gives precision 1 with nothing reported and recall 1 with nothing expected', () => {
    const score = scoreFindings([{ shop: 'shop', scenario: 'revoke', findings: [] }], truths);
    expect(score.overall).toMatchObject({ precision: 1, recall: 1, reported: 0, expected: 0 });
  });

  it('refuses a shop without ground truth', () => {
    expect(() => scoreFindings([{ shop: 'other', scenario: 'none', findings: [] }], truths)).toThrow(/no ground truth/);
  });

  it('prints one row per shop, per rule and overall', () => {
    const score = scoreFindings(
      [{ shop: 'shop', scenario: 'none', findings: [finding({ ruleId: 'tracking-before-consent', subject: vendor('facebook-pixel') })] }],
      truths,
    );
    const table = formatScoreTable('T', score);
    expect(table).toMatch(/shop shop\s+\|\s+1 \|\s+1 \|\s+1\.000 \|\s+3 \|\s+1 \|\s+0\.333 \|\s+0 \|/);
    expect(table).toMatch(/rule cookie-lifetime-exceeded/);
    expect(table).toMatch(/overall/);
  });
});
