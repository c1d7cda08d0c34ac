import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../../../src/core/observe/parse-set-cookie';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('parseSetCookie', () => {
  it('reads Max-Age as lifetime from the moment received', () => {
    const c = parseSetCookie('IDE=abc; Domain=.doubleclick.net; Path=/; Max-Age=33696000; Secure; HttpOnly; SameSite=None', 'googleads.g.doubleclick.net', NOW);
    expect(c).toMatchObject({
      name: 'IDE',
      domain: 'doubleclick.net',
      hostOnly: false,
      secure: true,
      httpOnly: true,
      sameSite: 'none',
      session: false,
      valueLength: 3,
    });
    expect(c?.lifetimeDays).toBeCloseTo(390, 6);
  });

  it('prefers Max-Age over Expires (RFC 6265 §5.3)', () => {
    const c = parseSetCookie('a=1; Expires=Wed, 01 Jan 2098 00:00:00 GMT; Max-Age=86400', 'x.example', NOW);
    expect(c?.lifetimeDays).toBeCloseTo(1, 6);
  });

  it('reads Expires when there is no Max-Age', () => {
    const c = parseSetCookie('a=1; Expires=Fri, 25 Dec 2026 12:00:00 GMT', 'x.example', NOW);
    expect(c?.lifetimeDays).toBeCloseTo(30, 6);
  });

  it('treats a cookie without expiry as a session cookie on the request host', () => {
    expect(parseSetCookie('sid=xyz; Path=/; HttpOnly', 'www.connox.nl', NOW)).toMatchObject({
      domain: 'www.connox.nl',
      hostOnly: true,
      session: true,
      expiresAt: null,
      lifetimeDays: null,
      sameSite: 'unspecified',
    });
  });

  it('keeps only the value length, never the value', () => {
    const c = parseSetCookie('token=secret-value-123; Path=/', 'x.example', NOW);
    expect(JSON.stringify(c)).not.toContain('secret');
    expect(c?.valueLength).toBe('secret-value-123'.length);
  });

  it('reads Partitioned and lower-cases the domain', () => {
    expect(parseSetCookie('a=1; Domain=Example.COM; Partitioned; Secure', 'www.example.com', NOW)).toMatchObject({ partitioned: true, domain: 'example.com' });
  });

  it('returns null for a header without a name', () => {
    expect(parseSetCookie('=novalue', 'x.example', NOW)).toBeNull();
    expect(parseSetCookie('', 'x.example', NOW)).toBeNull();
  });

  it('keeps markup in names as plain data', () => {
    expect(parseSetCookie('<img src=x onerror=alert(1)>=1', 'x.example', NOW)?.name).toBe('<img src');
  });
});
