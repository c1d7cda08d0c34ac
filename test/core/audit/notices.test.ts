import { describe, expect, it } from 'vitest';
import { declarationMismatch } from '../../../src/core/audit/rules/declaration-mismatch';
import { declaredNotObserved } from '../../../src/core/audit/rules/declared-not-observed';
import { noPolicyModel } from '../../../src/core/audit/rules/no-policy-model';
import { check, cookieClaim, miniModel, processor, run, SHOP, src, visit } from './build-visit';
import { explanation, title } from './words';

describe('rule declared-not-observed', () => {
  it('gives an info notice for PayPal when the page did not contact it', () => {
    const findings = check(declaredNotObserved, visit().request('https://consent.cookiebot.com/uc.js'));
    const paypal = findings.find((f) => f.subject.processorId === 'paypal');
    expect(title(paypal)).toBe('Declared but not seen: PayPal');
    expect(paypal).toMatchObject({
      id: 'declared-not-observed:paypal',
      severity: 'info',
      kind: 'notice',
      subject: { kind: 'processor', label: 'PayPal', vendorId: 'paypal', processorId: 'paypal' },
      evidence: [],
      clause: { section: 'Betaling via PayPal' },
    });
    expect(findings.some((f) => f.subject.processorId === 'cookiebot')).toBe(false);
  });

  it('gives none for PayPal once it is seen, and none for processors without hosts or recipient categories', () => {
    const findings = check(declaredNotObserved, visit().request('https://www.paypal.com/sdk/js?client-id=1'));
    const ids = findings.map((f) => f.subject.processorId);
    expect(ids).not.toContain('paypal');
    expect(ids).not.toContain('optilyz'); // offline, no hosts
    expect(ids).not.toContain('delivery-service'); // recipient category
    expect(ids).not.toContain('google-customer-match'); // no hosts
    expect(ids).toContain('cookiebot');
  });

  it('never produces violations', () => {
    expect(check(declaredNotObserved, visit()).every((f) => f.kind === 'notice' && f.severity === 'info')).toBe(true);
  });
});

describe('rule no-policy-model', () => {
  it('gives a single info notice without a policy, naming a found policy link', () => {
    const v = visit();
    v.recorder.recordPolicyLinks([{ url: 'https://www.connox.nl/privacy', text: 'Privacy' }]);
    const findings = check(noPolicyModel, v, { policy: null });
    expect(findings).toHaveLength(1);
    expect(title(findings[0])).toBe('No policy model for connox.nl');
    expect(findings[0]).toMatchObject({
      id: 'no-policy-model:connox.nl',
      severity: 'info',
      kind: 'notice',
      subject: { kind: 'shop', label: 'connox.nl' },
      clause: null,
      absence: { code: 'no-model-installed', params: {} },
    });
    expect(explanation(findings[0]!)).toContain('(Found: https://www.connox.nl/privacy)');
  });

  it('is silent when a model exists', () => {
    expect(check(noPolicyModel, visit())).toEqual([]);
  });

  it('in a full audit without a model, only the legal baseline is checked: consent, and transfers as notices', () => {
    const quiet = run(visit().request('https://static.connox.nl/app.js').cookie('PHPSESSID=1'), { policy: null });
    expect(quiet.findings.map((f) => f.ruleId)).toEqual(['no-policy-model']);
    expect(quiet.summary).toMatchObject({
      violations: 0,
      notices: 1,
      worstSeverity: null,
      checkedAgainst: 'legal-baseline',
      verdict: { code: 'baseline-clean', params: {} },
    });
    expect(quiet.policy).toBeNull();

    const busy = run(
      visit()
        .request('https://connect.facebook.net/x.js')
        .request('https://tracker.unknown-example.io/p')
        .request('https://api-js.mixpanel.com/track')
        .request('https://www.google-analytics.com/collect?v=1&tid=UA-1-1')
        .attempt(`long=1; Max-Age=${5000 * 86_400}`),
      { policy: null },
    );
    const ruleIds = new Set(busy.findings.map((f) => f.ruleId));
    // The law's checks run (consent; a transfer outside the EU/EEA as a notice), the policy's do not.
    expect([...ruleIds].sort()).toEqual(['no-policy-model', 'tracking-before-consent', 'undeclared-third-country-transfer']);
    expect(busy.findings.filter((f) => f.ruleId === 'no-policy-model')).toHaveLength(1);
    const transfer = busy.findings.find((f) => f.ruleId === 'undeclared-third-country-transfer');
    expect(transfer).toMatchObject({ kind: 'notice', severity: 'info', grounds: 'legal-baseline', clause: { section: 'Article 13(1)(f)' } });
    expect(busy.summary).toMatchObject({ checkedAgainst: 'legal-baseline', verdict: { code: 'baseline-violations' } });
    expect(busy.findings.filter((f) => f.kind === 'violation').every((f) => f.grounds === 'legal-baseline')).toBe(true);
  });
});

describe('rule policy-declaration-mismatch', () => {
  it('reports nothing for a model without a merged declaration (Connox)', () => {
    expect(check(declarationMismatch, visit())).toEqual([]);
  });

  it('reports where the policy text and the cookie declaration disagree on a lifetime', () => {
    const declared = {
      quote: 'consent_id: 400 days',
      section: 'Cookie declaration',
      document: 'https://consent.cookiebot.com/x/cd.js',
      origin: 'cookiebot-declaration',
    };
    const model = miniModel({
      processors: [
        processor({
          id: 'cmp',
          hosts: ['consent.cmp-example.io'],
          cookies: [
            cookieClaim({ name: 'consent_id', maxLifetimeDays: 365, source: src('The consent_id cookie lives one year.') }),
            cookieClaim({ name: 'consent_id', maxLifetimeDays: 400, source: declared }),
          ],
        }),
      ],
    });
    const findings = check(declarationMismatch, visit(SHOP), { policy: model });
    expect(findings).toHaveLength(1);
    expect(title(findings[0])).toBe('consent_id: the text allows 365 days, the declaration says 400 days');
    expect(findings[0]).toMatchObject({
      ruleId: 'policy-declaration-mismatch',
      severity: 'low',
      subject: { kind: 'processor', processorId: 'cmp' },
      clause: { quote: 'The consent_id cookie lives one year.', origin: 'policy-text' },
    });
  });

  it('runs nothing without a policy', () => {
    expect(check(declarationMismatch, visit(), { policy: null })).toEqual([]);
  });
});
