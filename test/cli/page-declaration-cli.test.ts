import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/policylens';
import type { CliIo } from '../../src/cli/cli-io';
import { fileStem } from '../../src/cli/write-outputs';
import type { AuditReport } from '../../src/core/audit/report-types';
import { startDeclaredShop, type DeclaredShopServer } from '../fixtures/declared-shop/server';
import { DECLARED_SHOP } from '../fixtures/declared-shop/page';
import { DIST } from '../e2e/harness';

const URL_UNDER_TEST = `${DECLARED_SHOP}/`;

/**
 * The CLI re-audits each visit with what DevTools saw: for a shop without a model it must keep
 * the model the extension drafted from the page's declaration, not fall back to the baseline.
 */
describe("the CLI on a shop without a model whose page shows the consent tool's declaration", () => {
  let server: DeclaredShopServer;
  let outDir: string;
  let output = '';
  beforeAll(async () => {
    server = await startDeclaredShop();
    outDir = mkdtempSync(path.join(tmpdir(), 'policylens-cli-declared-'));
    const lines: string[] = [];
    const io: CliIo = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
    await main(
      [
        URL_UNDER_TEST,
        '--consent',
        'none',
        '--extension',
        DIST,
        `--browser-arg=--host-resolver-rules=${server.hostResolverRules}`,
        '--browser-arg=--ignore-certificate-errors',
        '--allow-third-party-cookies',
        '--out',
        outDir,
        '--format',
        'json',
        '--lang',
        'en',
      ],
      io,
    );
    output = lines.join('\n');
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it("reports against the shop's own words, the declaration rows quoted, and says where the model came from", () => {
    const saved = JSON.parse(readFileSync(path.join(outDir, `${fileStem(URL_UNDER_TEST, 'none')}.json`), 'utf8')) as { evidence: { report: AuditReport } };
    const report = saved.evidence.report;
    expect(report.policy?.origin, output).toBe('consent-declaration');
    expect(report.summary.checkedAgainst).toBe('shop-policy');
    const ga = report.findings.find((f) => f.ruleId === 'cookie-lifetime-exceeded' && f.subject.label === '_ga');
    expect(ga?.clause).toMatchObject({ origin: 'cookiebot-declaration', quote: expect.stringMatching(/^_ga \| Google \| /) });
    expect(output).toContain("from the consent tool's cookie declaration on this page");
  });
});
