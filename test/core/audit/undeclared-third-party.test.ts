import { describe, expect, it } from 'vitest';
import { undeclaredThirdParty } from '../../../src/core/audit/rules/undeclared-third-party';
import { NO_CHOICE } from '../../../src/core/consent/consent-state';
import { check, miniModel, processor, SHOP, T0, visit } from './build-visit';
import { absence, explanation, title } from './words';

const PAGE_FRAME = { frameId: 0, kind: 'top', url: 'https://www.connox.nl/' };

describe('rule undeclared-third-party', () => {
  it('reports connect.facebook.net on a Connox page as the undeclared Meta Pixel, with entity and country', () => {
    const findings = check(undeclaredThirdParty, visit().request('https://connect.facebook.net/en_US/fbevents.js', { at: 100 }));
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(title(f)).toBe('Undeclared company: Meta Pixel');
    expect(f).toMatchObject({
      id: 'undeclared-third-party:vendor:facebook-pixel',
      ruleId: 'undeclared-third-party',
      severity: 'high',
      kind: 'violation',
      subject: { kind: 'vendor', label: 'Meta Pixel', vendorId: 'facebook-pixel', processorId: null },
      attribution: {
        vendorName: 'Meta Pixel',
        organisation: 'Meta',
        legalEntity: 'Meta Platforms Ireland Limited',
        country: 'IE',
        confidence: 'high',
        basis: 'catalogue',
      },
      clause: null,
      evidenceOmitted: 0,
    });
    expect(absence(f)).toContain('names no processor or third party for Meta');
    expect(explanation(f)).toContain('Meta Platforms Ireland Limited, Ireland');
    expect(f.evidence).toEqual([
      {
        type: 'request',
        url: 'https://connect.facebook.net/en_US/fbevents.js',
        host: 'connect.facebook.net',
        resourceType: 'script',
        frame: PAGE_FRAME,
        at: T0 + 100,
        consent: NO_CHOICE,
      },
    ]);
  });

  it('reports an unknown host as an unknown third party with its host, never dropping it', () => {
    const findings = check(undeclaredThirdParty, visit().request('https://tracker.unknown-example.io/p.gif?id=1', { type: 'image', at: 150 }));
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(title(f)).toBe('Unknown third party: unknown-example.io');
    expect(f).toMatchObject({
      ruleId: 'undeclared-third-party',
      severity: 'medium',
      subject: { kind: 'unknown-host', label: 'unknown-example.io', vendorId: null },
      attribution: { vendorName: null, legalEntity: null, country: null, basis: 'unknown' },
      clause: null,
    });
    expect(f.evidence[0]).toMatchObject({
      type: 'request',
      host: 'tracker.unknown-example.io',
      url: 'https://tracker.unknown-example.io/p.gif?id=1',
      resourceType: 'image',
      at: T0 + 150,
    });
  });

  it('groups several unknown hosts of one site into one finding with all their evidence', () => {
    const v = visit().request('https://a.unknown-example.io/1', { at: 10 }).request('https://b.unknown-example.io/2', { at: 20 });
    const findings = check(undeclaredThirdParty, v);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence.map((e) => (e.type === 'request' ? e.host : ''))).toEqual(['a.unknown-example.io', 'b.unknown-example.io']);
  });

  it('adds the cookies of an undeclared vendor to its evidence', () => {
    const v = visit()
      .request('https://connect.facebook.net/en_US/fbevents.js', { at: 100 })
      .browserCookie({ name: '_fbp', domain: '.connox.nl', hostOnly: false, lifetimeDays: 90 }, { at: 300 });
    const [f] = check(undeclaredThirdParty, v);
    expect(f!.evidence.map((e) => e.type)).toEqual(['request', 'cookie']);
    expect(f!.evidence[1]).toMatchObject({ name: '_fbp', domain: 'connox.nl', party: 'first', at: T0 + 300 });
  });

  it('does not report a vendor the policy declares (www.googletagmanager.com)', () => {
    expect(check(undeclaredThirdParty, visit().request('https://www.googletagmanager.com/gtm.js?id=GTM-1'))).toEqual([]);
  });

  it('does not report first-party subdomains (static.connox.nl) or other Connox shop domains', () => {
    const v = visit().request('https://static.connox.nl/app.js').request('https://www.connox.de/api/x');
    expect(check(undeclaredThirdParty, v)).toEqual([]);
  });

  it('accepts a host declared by a processor without vendorId (hand-written model)', () => {
    const model = miniModel({ processors: [processor({ id: 'tracker', hosts: ['*.unknown-example.io'] })] });
    expect(check(undeclaredThirdParty, visit(SHOP).request('https://px.unknown-example.io/a'), { policy: model })).toEqual([]);
    expect(check(undeclaredThirdParty, visit(SHOP).request('https://px.other-example.io/a'), { policy: model })).toHaveLength(1);
  });

  it('stays silent without a policy model (nothing is "declared" then)', () => {
    expect(check(undeclaredThirdParty, visit().request('https://connect.facebook.net/x.js'), { policy: null })).toEqual([]);
  });
});

describe('requests grouped per host', () => {
  it('keeps the earliest evidence across hosts and requests recorded out of time order', () => {
    const v = visit();
    // 30 requests to one host recorded newest first, then 5 earlier ones to a sibling host.
    for (let i = 30; i >= 1; i--) v.request(`https://connect.facebook.net/p?${i}`, { at: 1_000 + i });
    for (let i = 1; i <= 5; i++) v.request(`https://www.facebook.com/tr?${i}`, { at: 500 + i });
    const [f] = check(undeclaredThirdParty, v);
    expect(f?.evidence.map((e) => e.at - T0)).toEqual([501, 502, 503, 504, 505, ...Array.from({ length: 15 }, (_, i) => 1_001 + i)]);
    expect(f?.evidenceOmitted).toBe(35 - 20);
  });
});
