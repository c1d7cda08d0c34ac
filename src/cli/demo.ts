import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startStorefront } from '../../test/fixtures/storefront/server';
import type { Variant } from '../../test/fixtures/storefront/types';
import { autoconsentVersion } from './autoconsent-driver';
import { CONSENT_SCENARIOS } from './consent-scenario';
import { DEFAULT_DIST, ensureBuild } from './ensure-build';
import { findBrowser, INSTALL_HINT } from './find-browser';
import { formatDiscrepancies, formatRunSummary } from './print-summary';
import { CONSOLE_IO, EXIT, type CliIo, parseCommandArgs } from './cli-io';
import { languageOption } from './language-option';
import { secondsText } from './step-words';
import { createPresenter } from '../presenter/presenter';
import { extensionVersionOf, runAudits, toAuditRecord } from './run-audits';
import { fileStem, OUTPUT_FORMATS, writeOutputs } from './write-outputs';

const DEMO_URL = 'https://www.connox.nl/';

/**
 * The one-command demo: the bundled fixture storefront (a local copy of www.connox.nl with
 * planted discrepancies, every vendor simulated under its real hostname, nothing touches the
 * network), audited in headless Chromium with the built extension in all four consent
 * scenarios, with the results printed and written to an output folder.
 */
export async function main(argv: readonly string[], io: CliIo = CONSOLE_IO): Promise<number> {
  const parsed = parseCommandArgs(
    'demo',
    argv,
    {
      out: { type: 'string', default: 'policylens-demo-output' },
      variant: { type: 'string', default: 'planted' },
      browser: { type: 'string' },
      extension: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    io,
  );
  if (!parsed) return EXIT.usage;
  const { values, positionals } = parsed;
  if (positionals.length > 0) {
    io.err(`demo: unexpected argument "${positionals[0]}" (the demo audits its own storefront)`);
    return EXIT.usage;
  }
  if (values.help) {
    io.out('npm run demo [-- --out <dir>] [--variant planted|clean] [--browser <path>] [--lang en|nl|de|fr|it|es|da|sv]');
    return EXIT.ok;
  }
  if (values.variant !== 'planted' && values.variant !== 'clean') {
    io.err(`demo: --variant must be planted or clean, got "${values.variant}"`);
    return EXIT.usage;
  }
  const variant: Variant = values.variant;
  const problems: string[] = [];
  const presenter = createPresenter(languageOption(values.lang, problems));
  if (problems.length > 0) {
    for (const p of problems) io.err(`demo: ${p}`);
    return EXIT.usage;
  }
  const started = Date.now();
  const step = (line: string) => io.out(`[${secondsText(Date.now() - started, presenter).padStart(5)} s] ${line}`);

  const browser = values.browser !== undefined && !existsSync(values.browser) ? ({ ok: false } as const) : findBrowser(values.browser);
  if (!browser.ok) {
    io.err(values.browser ? `Browser not found at ${values.browser}. ${INSTALL_HINT}` : INSTALL_HINT);
    return EXIT.usage;
  }
  const extensionDir = path.resolve(values.extension ?? DEFAULT_DIST);
  if (values.extension === undefined) {
    const build = ensureBuild((kind) => step(presenter.t(kind === 'rebuild' ? 'cli.step.rebuilding' : 'cli.step.building')), extensionDir);
    if (!build.ok) {
      io.err(`demo: ${build.message}`);
      return EXIT.usage;
    }
    step(presenter.t(build.built ? 'cli.step.built' : 'cli.step.upToDate'));
  } else if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    io.err(`demo: ${extensionDir} has no manifest.json`);
    return EXIT.usage;
  }

  const storefront = await startStorefront({ variant });
  step(presenter.t('cli.step.storefront', { variant, port: String(storefront.port), host: new URL(DEMO_URL).hostname }));
  const outDir = path.resolve(values.out);
  try {
    step(presenter.t('cli.step.auditing', { url: DEMO_URL, count: CONSENT_SCENARIOS.length, browser: browser.path, version: autoconsentVersion() }));
    for (const s of CONSENT_SCENARIOS) io.out(`          ${s.padEnd(7)} ${presenter.t(`cli.scenarioDescription.${s}`)}`);
    const jobs = await runAudits({
      presenter,
      urls: [DEMO_URL],
      scenarios: CONSENT_SCENARIOS,
      extensionDir,
      browserPath: browser.path,
      browserArgs: [`--host-resolver-rules=${storefront.hostResolverRules}`, '--ignore-certificate-errors'],
      allowThirdPartyCookies: true,
      concurrency: CONSENT_SCENARIOS.length,
      timeoutMs: 20_000,
      settleMs: 1_000,
      policy: null,
      popupScreenshot: (url, scenario) => path.join(outDir, `${fileStem(url, scenario)}.popup.png`),
      log: step,
    });
    const records = jobs.map(toAuditRecord);
    io.out('');
    const heading = presenter.t('cli.demo.discrepancies');
    io.out(heading);
    io.out('='.repeat(heading.length));
    for (const r of records) io.out(`\n${formatDiscrepancies(r, presenter)}`);
    io.out(`\n${presenter.t('cli.summary')}\n${formatRunSummary(records, presenter)}`);
    const written = writeOutputs(records, {
      outDir,
      formats: OUTPUT_FORMATS,
      createdAt: Date.now(),
      toolVersion: extensionVersionOf(extensionDir),
      autoconsentVersion: autoconsentVersion(),
      presenter,
    });
    io.out(`\n${presenter.t('cli.written', { dir: `${outDir}${path.sep}` })}`);
    for (const r of written.perRecord) {
      const shots = path.join(outDir, `${fileStem(r.url, r.scenario)}.popup.png`);
      const files = [...r.files, ...(existsSync(shots) ? [shots] : [])];
      io.out(`  ${r.scenario.padEnd(7)} ${files.map((f) => path.basename(f)).join('  ')}`);
    }
    io.out(
      `  run     ${[written.index, written.comparison, written.sarif, written.junit]
        .filter((f): f is string => f !== null)
        .map((f) => path.basename(f))
        .join('  ')}`,
    );
    step(presenter.t('cli.step.done', { seconds: secondsText(Date.now() - started, presenter) }));
    return records.every((r) => r.ok) ? EXIT.ok : EXIT.pageErrors;
  } finally {
    await storefront.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`demo: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(EXIT.usage);
    },
  );
}
