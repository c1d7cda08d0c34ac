import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseShard, shardUrls } from '../../src/cli/shard';
import { parseUrlList } from '../../src/cli/url-list';
import { parseScenarios } from '../../src/cli/consent-scenario';

describe('shardUrls', () => {
  it('--shard 1/2 and 2/2 together cover a URL list exactly once', () => {
    const urls = ['https://b.example/', 'https://a.example/', 'https://c.example/x', 'https://a.example/', 'https://d.example/', 'https://e.example/'];
    const one = shardUrls(urls, { index: 1, count: 2 });
    const two = shardUrls(urls, { index: 2, count: 2 });
    expect([...one, ...two].sort()).toEqual([...new Set(urls)].sort());
    expect(one.filter((u) => two.includes(u))).toEqual([]);
  });

  it('partitions any list for any N, independent of input order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.webUrl(), { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (urls, n) => {
        const shards = Array.from({ length: n }, (_, i) => shardUrls(urls, { index: i + 1, count: n }));
        const all = shards.flat();
        expect(all.sort()).toEqual([...new Set(urls)].sort());
        expect(new Set(all).size).toBe(all.length);
        const reversed = Array.from({ length: n }, (_, i) => shardUrls([...urls].reverse(), { index: i + 1, count: n }));
        expect(reversed).toEqual(shards.map((s) => [...s].sort()).map((s) => s));
      }),
    );
  });

  it('parses k/N and refuses impossible shards', () => {
    expect(parseShard('2/4')).toEqual({ ok: true, shard: { index: 2, count: 4 } });
    expect(parseShard('0/4').ok).toBe(false);
    expect(parseShard('5/4').ok).toBe(false);
    expect(parseShard('x').ok).toBe(false);
  });
});

describe('parseUrlList', () => {
  it('reads one URL per line, skips comments and blank lines, reports bad lines by number', () => {
    const { urls, issues } = parseUrlList('# shops\nhttps://www.connox.nl/\n\nconnox.de  # bare host\nftp://x.example/\n');
    expect(urls).toEqual(['https://www.connox.nl/', 'https://connox.de/']);
    expect(issues).toEqual([{ line: 5, message: '"ftp://x.example/" is not an http(s) URL' }]);
  });
});

describe('parseScenarios', () => {
  it('accepts all and comma lists, refuses unknown names', () => {
    expect(parseScenarios('all')).toEqual({ ok: true, scenarios: ['none', 'reject', 'accept', 'revoke'] });
    expect(parseScenarios('reject,none,reject')).toEqual({ ok: true, scenarios: ['reject', 'none'] });
    expect(parseScenarios('maybe').ok).toBe(false);
  });
});
