import { describe, expect, it } from 'vitest';
import { consentRecordRetention } from '../../../src/core/audit/rules/consent-record-retention';
import { check, miniModel, processor, SHOP, src, visit } from './build-visit';
import { title } from './words';

const RETENTION_QUOTE = 'Uw toestemming wordt zes maanden bewaard.';

/** Cookiebot's CookieConsent on the shop's host, set to live `days`. */
function cookieConsent(days: number) {
  return visit(SHOP).browserCookie({ name: 'CookieConsent', domain: 'www.shop.example', lifetimeDays: days }, { at: 300 });
}

const cookiebot = processor({ id: 'cookiebot', name: 'Cookiebot', vendorId: 'cookiebot', hosts: ['consent.cookiebot.com'] });
const consentTool = { kind: 'consent-tool', tool: 'cookiebot', processorId: 'cookiebot', source: src('Wij gebruiken Cookiebot.'), checkable: true };
const sixMonths = {
  kind: 'retention',
  subject: 'Toestemming',
  period: 'zes maanden',
  periodDays: 183,
  processorId: 'cookiebot',
  source: src(RETENTION_QUOTE, 'Cookies'),
  checkable: true,
};

describe('rule consent-record-retention', () => {
  it('without a model: nothing (no baseline period for consent records is quoted)', () => {
    expect(check(consentRecordRetention, cookieConsent(365), { policy: null })).toEqual([]);
  });

  it('with a partial model that names the consent tool but no retention: nothing', () => {
    expect(check(consentRecordRetention, cookieConsent(365), { policy: miniModel({ processors: [cookiebot], promises: [consentTool] }) })).toEqual([]);
  });

  it("with a full model: a record kept beyond the stated period is high, on the shop's words", () => {
    const model = miniModel({ processors: [cookiebot], promises: [consentTool, sixMonths] });
    const findings = check(consentRecordRetention, cookieConsent(365), { policy: model });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'consent-record-retention',
      severity: 'high',
      grounds: 'shop-policy',
      subject: { kind: 'cookie', label: 'CookieConsent', processorId: 'cookiebot' },
      message: { code: 'consent-record-retention', params: { cookie: 'CookieConsent', tool: 'cookiebot', maxDays: 183, period: 'zes maanden' } },
      clause: { quote: RETENTION_QUOTE },
    });
    expect(title(findings[0]!)).toBe('Consent record “CookieConsent” is kept 365 days, the policy says 183 days');
  });

  it('allows the stated period read as a calendar span (6 months can be 184 days), and cookies that are not consent records', () => {
    const model = miniModel({ processors: [cookiebot], promises: [consentTool, sixMonths] });
    expect(check(consentRecordRetention, cookieConsent(184), { policy: model })).toEqual([]);
    const other = visit(SHOP).browserCookie({ name: 'cart', domain: 'www.shop.example', lifetimeDays: 365 }, { at: 300 });
    expect(check(consentRecordRetention, other, { policy: model })).toEqual([]);
  });

  it("ignores another processor's retention statement", () => {
    const model = miniModel({ processors: [cookiebot, processor({ id: 'shop-crm' })], promises: [consentTool, { ...sixMonths, processorId: 'shop-crm' }] });
    expect(check(consentRecordRetention, cookieConsent(365), { policy: model })).toEqual([]);
  });
});
