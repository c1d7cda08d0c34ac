import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, type CliIo } from '../../src/cli/cli-io';
import { REPO_ROOT } from '../../src/cli/ensure-build';
import { THIRD_PARTY_WEB_INDEX_FILE } from '../../src/cli/generate-third-party-web-index';
import { main } from '../../src/cli/policylens';
import { formatAnswer, whoCommand } from '../../src/cli/who';
import { createPresenter } from '../../src/presenter/presenter';
import type { Vendor } from '../../src/core/vendors/schema';
import { buildThirdPartyWebIndex, unpackEntity, type ThirdPartyWebIndex } from '../../src/core/vendors/third-party-web-index';
import { thirdPartyWebLayer } from '../../src/core/vendors/third-party-web-layer';
import { buildVendorIndex } from '../../src/core/vendors/vendor-index';
import type { WhoAnswer } from '../../src/core/vendors/who';

/** `policylens who`: argument handling and output on a small index, then the real default index through main(). */

function capture(): CliIo & { out: (l: string) => void; stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const tiny = buildVendorIndex([
  {
    id: 'shop-stats',
    name: 'Shop Stats',
    organisation: 'Stats Group',
    legalEntity: 'Shop Stats B.V.',
    country: 'NL',
    category: 'analytics',
    products: [],
    domains: ['shopstats.example'],
    cookies: [{ name: '_ss_id', type: 'cookie', purpose: 'Visitor id.', lifetimeDays: 365 }],
    privacyPolicyUrl: 'https://shopstats.example/privacy',
    aliases: [],
  },
]);

describe('policylens who on a given index', () => {
  it('prints company, legal entity, country, category, source and confidence for a host', async () => {
    const io = capture();
    expect(await whoCommand(['--lang', 'en', 'https://cdn.shopstats.example/s.js'], io, tiny)).toBe(EXIT.ok);
    expect(io.stdout.join('\n')).toBe(
      [
        'https://cdn.shopstats.example/s.js (host cdn.shopstats.example)',
        '  company       Stats Group',
        '  vendor        Shop Stats (shop-stats)',
        '  legal entity  Shop Stats B.V.',
        '  country       Netherlands',
        '  category      analytics',
        '  source        PolicyLens catalogue',
        '  matched       shopstats.example',
        '  confidence    high',
      ].join('\n'),
    );
  });

  it('prints the vendors documenting a cookie name, and says when nothing is known', async () => {
    const io = capture();
    expect(await whoCommand(['--lang', 'en', '_ss_id', 'unknown.example', 'not_documented'], io, tiny)).toBe(EXIT.ok);
    const text = io.stdout.join('\n');
    expect(text).toContain(
      '_ss_id (cookie or storage key name)\n  confidence    medium (one vendor documents this name)\n  documented by Shop Stats as cookie “_ss_id” (365 days): Visitor id.',
    );
    expect(text).toContain('unknown.example\n  not attributed');
    expect(text).toContain('not_documented (cookie or storage key name)\n  not documented by any catalogue vendor');
  });

  it('says "unknown" for what a layer does not know, and which layer answered', async () => {
    const built = buildThirdPartyWebIndex([{ name: 'Pixel Co', company: 'Pixel Group', category: 'ad', domains: ['*.pixel.example'] }], '0', 'notice');
    const layer = built.ok ? thirdPartyWebLayer(built.index) : null;
    const layered = buildVendorIndex([], layer?.ok ? [layer.source] : []);
    const io = capture();
    expect(await whoCommand(['--lang', 'en', 'x.pixel.example'], io, layered)).toBe(EXIT.ok);
    expect(io.stdout.join('\n')).toBe(
      [
        'x.pixel.example',
        '  company       Pixel Group',
        '  vendor        Pixel Co (tpw-pixel-co)',
        '  legal entity  unknown',
        '  country       unknown',
        '  category      advertising',
        '  source        third-party-web (HTTP Archive)',
        '  confidence    medium',
      ].join('\n'),
    );
  });

  it('answers in the language asked for, labels aligned, country named', async () => {
    const io = capture();
    expect(await whoCommand(['--lang', 'nl', 'shopstats.example', 'unknown.example'], io, tiny)).toBe(EXIT.ok);
    expect(io.stdout.join('\n')).toBe(
      [
        'shopstats.example',
        '  bedrijf        Stats Group',
        '  leverancier    Shop Stats (shop-stats)',
        '  rechtspersoon  Shop Stats B.V.',
        '  land           Nederland',
        '  categorie      analyse',
        '  bron           catalogus van PolicyLens',
        '  gevonden via   shopstats.example',
        '  zekerheid      hoog',
        '',
        'unknown.example',
        '  niet toegeschreven: geen leverancierslaag kent deze host of zijn bovenliggende domeinen',
      ].join('\n'),
    );
  });

  it('writes one JSON document with --json', async () => {
    const io = capture();
    expect(await whoCommand(['--json', 'shopstats.example', '_ss_id'], io, tiny)).toBe(EXIT.ok);
    const doc = JSON.parse(io.stdout.join('\n')) as { format: string; answers: WhoAnswer[] };
    expect(doc.format).toBe('policylens-who');
    expect(doc.answers.map((a) => [a.kind, a.vendor?.id, a.confidence])).toEqual([
      ['host', 'shop-stats', 'high'],
      ['name', 'shop-stats', 'medium'],
    ]);
  });

  it.each([[[]], [['--nope']], [['cookie:']], [['--lang', 'xx', 'a.example']]])('rejects %j with a usage error on stderr', async (args) => {
    const io = capture();
    expect(await whoCommand(args, io, tiny)).toBe(EXIT.usage);
    expect(io.stdout).toEqual([]);
    expect(io.stderr.join('\n')).toMatch(/^policylens who: /);
  });
});

describe('policylens who with the default layers (catalogue + third-party-web)', () => {
  const catalogue = readdirSync(path.join(REPO_ROOT, 'src/core/vendors/data'))
    .filter((f) => f.startsWith('vendors-'))
    .flatMap((f) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'src/core/vendors/data', f), 'utf8')) as Vendor[]);
  const tpw = (JSON.parse(readFileSync(THIRD_PARTY_WEB_INDEX_FILE, 'utf8')) as ThirdPartyWebIndex).entities.map((line) => unpackEntity(line)!);

  it('answers catalogue hosts from the catalogue record and other third-party-web hosts from third-party-web', async () => {
    // Every 20th third-party-web entity's first domain: a spread of both layers.
    const sample = tpw
      .filter((_, i) => i % 20 === 0)
      .map(([name, , company, domains]) => ({ name, company: company || name, host: (domains.split(' ')[0] ?? '').replace(/^=/, '') }));
    const io = capture();
    expect(await main(['who', '--json', ...sample.map((s) => `host:${s.host}`)], io)).toBe(EXIT.ok);
    const answers = (JSON.parse(io.stdout.join('\n')) as { answers: WhoAnswer[] }).answers;
    expect(answers).toHaveLength(sample.length);
    const bySource = { catalogue: 0, 'third-party-web': 0 };
    answers.forEach((a, i) => {
      const s = sample[i]!;
      expect(a.vendor, s.host).not.toBeNull();
      const v = a.vendor!;
      if (v.source === 'catalogue') {
        const record = catalogue.find((r) => r.id === v.id)!;
        expect([v.company, v.legalEntity, v.country]).toEqual([record.organisation, record.legalEntity, record.country]);
        expect(a.confidence).toBe('high');
        bySource.catalogue++;
      } else {
        expect([v.source, v.company, v.name, v.legalEntity, v.country, a.confidence]).toEqual(['third-party-web', s.company, s.name, null, null, 'medium']);
        bySource['third-party-web']++;
      }
    });
    expect(bySource.catalogue).toBeGreaterThan(0);
    expect(bySource['third-party-web']).toBeGreaterThan(0);
  });

  it('lists the catalogue vendors documenting a cookie name', async () => {
    const documenting = catalogue.filter((v) => v.cookies.some((c) => c.name === 'AWSALB'));
    const io = capture();
    expect(await main(['who', '--json', 'AWSALB'], io)).toBe(EXIT.ok);
    const [answer] = (JSON.parse(io.stdout.join('\n')) as { answers: WhoAnswer[] }).answers;
    expect(answer?.kind === 'name' ? answer.documentedBy.map((d) => d.vendor.id) : null).toEqual(documenting.map((v) => v.id));
    expect(formatAnswer(answer!, createPresenter('en'))).toContain('documented by');
  });
});
