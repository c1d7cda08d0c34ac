import { describe, expect, it } from 'vitest';
import { refusalHarderThanAccepting } from '../../../src/core/audit/rules/refusal-harder-than-accepting';
import type { BannerFirstLayer } from '../../../src/core/consent/consent-state';
import { check, connox, miniModel, T0, visit, clicked } from './build-visit';
import { explanation, title } from './words';

const HIDDEN_REJECT: BannerFirstLayer = { cmp: 'Cybotcookiebot', accept: 1, reject: 0, settings: 1 };
const FIRST_LAYER_REJECT: BannerFirstLayer = { cmp: 'Cybotcookiebot', accept: 2, reject: 1, settings: 0 };

describe('rule refusal-harder-than-accepting', () => {
  it('without a model: a first layer with accept but no reject is a medium finding resting on the law (GDPR art. 7(3))', () => {
    const findings = check(refusalHarderThanAccepting, visit().consent(clicked('refuse', 100, HIDDEN_REJECT)), { policy: null });
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({
      ruleId: 'refusal-harder-than-accepting',
      severity: 'medium',
      kind: 'violation',
      grounds: 'legal-baseline',
      subject: { kind: 'consent-tool', label: 'Cybotcookiebot' },
      clause: { section: 'Article 7(3)', origin: 'legal-baseline' },
      message: { code: 'refusal-harder-than-accepting', params: { tool: 'Cybotcookiebot', acceptButtons: 1, settingsButtons: 1 } },
    });
    expect(f.evidence[0]).toMatchObject({ type: 'consent', source: 'visitor-action', at: T0 + 100, detail: 'refuse' });
    expect(title(f)).toBe("Refusing takes more than accepting: no reject button on the banner's first layer");
    expect(explanation(f)).toContain('refusing means opening its settings first');
  });

  it('says nothing when the first layer has a reject button', () => {
    expect(check(refusalHarderThanAccepting, visit().consent(clicked('refuse', 100, FIRST_LAYER_REJECT)), { policy: null })).toEqual([]);
  });

  it('says nothing when the first layer could not be read (no accept button found either) or was not read at all', () => {
    const unread: BannerFirstLayer = { cmp: 'Onetrust', accept: 0, reject: 0, settings: 0 };
    expect(check(refusalHarderThanAccepting, visit().consent(clicked('accept', 100, unread)), { policy: null })).toEqual([]);
    expect(check(refusalHarderThanAccepting, visit().consent(clicked('refuse', 100)), { policy: null })).toEqual([]);
  });

  it('rests on the law whatever the model: a partial and a full model say nothing about the banner', () => {
    const partial = miniModel();
    for (const policy of [partial, connox()]) {
      const findings = check(refusalHarderThanAccepting, visit().consent(clicked('accept', 100, HIDDEN_REJECT)), { policy });
      expect(findings.map((f) => [f.severity, f.grounds])).toEqual([['medium', 'legal-baseline']]);
    }
  });

  it('reports one finding per banner, however many actions read it', () => {
    const v = visit()
      .consent(clicked('accept', 100, HIDDEN_REJECT))
      .consent(clicked('refuse', 900, HIDDEN_REJECT));
    expect(check(refusalHarderThanAccepting, v, { policy: null })).toHaveLength(1);
  });
});
