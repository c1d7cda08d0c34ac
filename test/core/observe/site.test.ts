import { describe, expect, it } from 'vitest';
import { cookieDomainMatches, domainLadder, isThirdParty, siteOf } from '../../../src/core/site';

describe('site helpers (public-suffix aware)', () => {
  it.each([
    ['www.connox.nl', 'connox.nl'],
    ['shop.connox.co.uk', 'connox.co.uk'],
    ['a.b.example.com.au', 'example.com.au'],
    ['foo.github.io', 'foo.github.io'],
    ['WWW.Example.COM.', 'example.com'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
  ])('siteOf(%s) = %s', (host, site) => expect(siteOf(host)).toBe(site));

  it('never treats two github.io sites as one party', () => {
    expect(isThirdParty('bar.github.io', siteOf('foo.github.io'))).toBe(true);
  });

  it('walks from the host to its registrable domain', () => {
    expect(domainLadder('a.b.example.co.uk')).toEqual(['a.b.example.co.uk', 'b.example.co.uk', 'example.co.uk']);
    expect(domainLadder('example.com')).toEqual(['example.com']);
  });

  it('matches cookie domains as RFC 6265 does', () => {
    expect(cookieDomainMatches('.doubleclick.net', 'googleads.g.doubleclick.net')).toBe(true);
    expect(cookieDomainMatches('doubleclick.net', 'notdoubleclick.net')).toBe(false);
  });
});
