import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../core/audit/report-types';
import { domainLadder } from '../core/site';
import { LANGUAGES } from '../presenter/languages';
import { createPresenter, type Presenter } from '../presenter/presenter';
import { parseSeverity, violationsAtOrAbove, type AuditRecord } from './audit-record';
import { autoconsentVersion } from './autoconsent-driver';
import { CONSOLE_IO, EXIT, type CliIo, parseCommandArgs } from './cli-io';
import { languageOption } from './language-option';
import { CONSENT_SCENARIOS, parseScenarios, SCENARIO_DESCRIPTIONS } from './consent-scenario';
import { DEFAULT_DIST, ensureBuild, REPO_ROOT } from './ensure-build';
import { findBrowser } from './find-browser';
import { formatDiscrepancies, formatRunSummary } from './print-summary';
import { reauditFiles } from './reaudit';
import { scenarioReport } from '../core/audit/scenario-report';
import { reauditObservations } from './offline-audit';
import { resolvePolicyArg } from './resolve-policy';
import { extensionVersionOf, type PolicyOverride } from './run-audits';
import { liveProgressTarget } from './batch/progress';
import { runBatch } from './batch/run-batch';
import { mergeCommand } from './batch/merge-command';
import { parseShard, shardUrls } from './shard';
import { normaliseUrl, parseUrlList } from './url-list';
import { failOnLine, incompleteLine, outputLine } from './step-words';
import { whoCommand } from './who';
import { keygenCommand, signingKeyOption, SIGN_KEY_ENV } from './signing-key-file';
import { verifyCommand } from './verify-command';
import type { PolicyModel } from '../core/policy/schema';
import { OUTPUT_FORMATS, parseFormats, writeOutputs, type OutputFormat } from './write-outputs';

export const USAGE = `PolicyLens: audit web shops against their privacy policy in headless Chromium.

Usage:
  policylens [options] <url...>
  policylens reaudit <result.json...> [--policy <file|name>] [--out <dir>] [--format …] [--fail-on <severity>]
  policylens who [--json] <host|url|cookie-name...>   who is behind it (see policylens who --help)
  policylens merge <dir...> [--out <dir>] [--lang <code>]   combine shard outputs into one run
  policylens keygen [--out <stem>]   make an Ed25519 key pair for signing bundles
  policylens verify [--expect-key <fingerprint>] <bundle.json|result.json...>   check evidence

Options:
  --policy <file|name>      policy model file (YAML/JSON), bundled model id, or \`baseline\` to hold
                            the shop to the legal baseline only; default: the model for the
                            page's host, else the legal baseline
  --consent <list>          ${CONSENT_SCENARIOS.join('|')}|all, comma-separated (default: none)
${CONSENT_SCENARIOS.map((s) => `                              ${s.padEnd(7)} ${SCENARIO_DESCRIPTIONS[s]}`).join('\n')}
  --urls <file>             more URLs, one per line (# comments)
  --concurrency <n>         pages in parallel, each in its own browser profile (default: 2)
  --shard <k/N>             audit only shard k of N of the sorted, de-duplicated URL list
  --out <dir>               output folder (default: ./policylens-output); every page × scenario is
                            written there as soon as it is done, with a line in results.ndjson
  --resume                  skip what the output folder's results.ndjson already holds (a killed
                            batch goes on where it stopped; needs the json format)
  --list-urls               print the URLs this run (and shard) would audit, then exit
  --format <list>           ${OUTPUT_FORMATS.join(',')} (default: json,html)
  --fail-on <severity>      exit 1 when a violation at or above this severity is found
                            (critical, high, medium, low, info)
  --timeout <ms>            per-page navigation / quiet limit (default: 30000)
  --settle <ms>             extra wait after the network is quiet (default: 1500)
  --browser <path>          Chromium or Chrome executable (default: CHROME_PATH, /usr/bin/chromium)
  --browser-arg=<flag>      extra Chromium flag, e.g. --browser-arg=--proxy-server=… (repeatable;
                            use the = form, since the flag itself starts with --)
  --allow-third-party-cookies  allow third-party cookies (fresh profiles block them)
  --keep-url-values         keep query, fragment and id values in recorded URLs as evidence (default:
                            masked as length and salted hash); the report says they were kept
  --extension <dir>         built extension (default: dist/, built when missing or stale)
  --sign-key <file>         sign every evidence bundle with this key (policylens keygen; default:
                            the file ${SIGN_KEY_ENV} names, else unsigned)
  --lang <code>             language of the table, the HTML report, SARIF, JUnit and the popup
                            screenshots: ${LANGUAGES.join(', ')} (default: from LC_ALL / LC_MESSAGES / LANG, else en)
  --quiet                   no per-step log; progress as one plain line per finished page
  -h, --help                this text

Exit codes: 0 fine, 1 --fail-on threshold reached, 2 usage or setup error,
3 some pages could not be audited.`;

/**
 * The CLI as a function: parses argv (without node and script), runs, returns the exit
 * code. Tests call it directly; the bin calls it with process.argv.
 */
export async function main(argv: readonly string[], io: CliIo = CONSOLE_IO): Promise<number> {
  if (argv[0] === 'reaudit') return reauditCommand(argv.slice(1), io);
  if (argv[0] === 'who') return whoCommand(argv.slice(1), io);
  if (argv[0] === 'merge') return mergeCommand(argv.slice(1), io);
  if (argv[0] === 'keygen') return keygenCommand(argv.slice(1), io);
  if (argv[0] === 'verify') return verifyCommand(argv.slice(1), io, extensionVersionOf(REPO_ROOT));
  const parsed = parseCommandArgs(
    'policylens',
    argv,
    {
      policy: { type: 'string' },
      consent: { type: 'string', default: 'none' },
      urls: { type: 'string' },
      concurrency: { type: 'string', default: '2' },
      shard: { type: 'string' },
      out: { type: 'string', default: 'policylens-output' },
      format: { type: 'string', default: 'json,html' },
      'fail-on': { type: 'string' },
      timeout: { type: 'string', default: '30000' },
      settle: { type: 'string', default: '1500' },
      browser: { type: 'string' },
      'browser-arg': { type: 'string', multiple: true, default: [] },
      'allow-third-party-cookies': { type: 'boolean', default: false },
      'keep-url-values': { type: 'boolean', default: false },
      extension: { type: 'string' },
      'sign-key': { type: 'string' },
      lang: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      resume: { type: 'boolean', default: false },
      'list-urls': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    io,
    USAGE,
  );
  if (!parsed) return EXIT.usage;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const progress = values.quiet ? () => {} : (line: string) => io.err(line);
  const listOnly = values['list-urls'];
  const problems: string[] = [];

  const lang = languageOption(values.lang, problems);
  const presenter = createPresenter(lang);
  const scenarios = parseScenarios(values.consent);
  if (!scenarios.ok) problems.push(scenarios.message);
  const formats = parseFormats(values.format);
  if (!formats.ok) problems.push(formats.message);
  const failOn = values['fail-on'] === undefined ? null : parseSeverity(values['fail-on']);
  if (values['fail-on'] !== undefined && !failOn) problems.push(`--fail-on: unknown severity "${values['fail-on']}" (critical, high, medium, low, info)`);
  const concurrency = positiveInt(values.concurrency, '--concurrency', problems);
  const timeoutMs = positiveInt(values.timeout, '--timeout', problems);
  const settleMs = nonNegativeInt(values.settle, '--settle', problems);
  const shard = values.shard === undefined ? null : parseShard(values.shard);
  if (shard && !shard.ok) problems.push(shard.message);
  const signingKey = signingKeyOption(values['sign-key'], process.env, problems);
  if (values.resume && formats.ok && !formats.formats.includes('json'))
    problems.push('--resume needs the json format: it reads the saved results back for the run-level files');

  const urls: string[] = [];
  for (const p of positionals) {
    const u = normaliseUrl(p);
    if (u.ok) urls.push(u.url);
    else problems.push(u.message);
  }
  if (values.urls !== undefined) {
    if (!existsSync(values.urls)) problems.push(`--urls: no such file ${values.urls}`);
    else {
      const list = parseUrlList(readFileSync(values.urls, 'utf8'));
      urls.push(...list.urls);
      for (const issue of list.issues) problems.push(`${values.urls}:${issue.line}: ${issue.message}`);
    }
  }
  if (urls.length === 0 && problems.length === 0) problems.push('no URL given');

  let policy: PolicyOverride | null = null;
  let baselineOnly = false;
  let userModel: PolicyModel | null = null;
  if (values.policy !== undefined) {
    const resolved = resolvePolicyArg(values.policy);
    if (!resolved.ok) {
      problems.push(...resolved.errors);
    } else {
      for (const w of resolved.warnings) progress(`warning: ${w}`);
      if (resolved.kind === 'baseline') {
        baselineOnly = true;
      } else {
        userModel = resolved.model;
        const covers = (host: string) => domainLadder(host).some((d) => resolved.model.shop.domains.includes(d));
        // A bundled model already applies to its own domains; import it only for other hosts.
        const needed = resolved.kind === 'file' || urls.some((u) => !covers(new URL(u).hostname));
        policy = needed ? { text: resolved.text, fileName: resolved.fileName } : null;
      }
    }
  }
  if (problems.length > 0) {
    for (const p of problems) io.err(`policylens: ${p}`);
    io.err('Run policylens --help for usage.');
    return EXIT.usage;
  }

  const selected = shard && shard.ok ? shardUrls(urls, shard.shard) : [...new Set(urls)];
  if (listOnly) {
    for (const u of selected) io.out(u);
    return EXIT.ok;
  }
  if (selected.length === 0) {
    io.out(presenter.t('cli.shardEmpty', { shard: String(values.shard), count: new Set(urls).size }));
    return EXIT.ok;
  }

  // findBrowser falls back to the system browser; an explicit --browser must exist itself.
  if (values.browser !== undefined && !existsSync(values.browser)) {
    io.err(`policylens: --browser ${values.browser}: no such file`);
    return EXIT.usage;
  }
  const browser = findBrowser(values.browser);
  if (!browser.ok) {
    io.err(browser.message);
    return EXIT.usage;
  }
  const extensionDir = path.resolve(values.extension ?? DEFAULT_DIST);
  if (values.extension === undefined) {
    const build = ensureBuild((kind) => progress(presenter.t(kind === 'rebuild' ? 'cli.step.rebuilding' : 'cli.step.building')), extensionDir);
    if (!build.ok) {
      io.err(`policylens: ${build.message}`);
      return EXIT.usage;
    }
  } else if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    io.err(`policylens: ${extensionDir} has no manifest.json: build the extension first (npm run build)`);
    return EXIT.usage;
  }

  const scenarioList = scenarios.ok ? scenarios.scenarios : [];
  progress(
    `Auditing ${selected.length} URL${selected.length === 1 ? '' : 's'} × ${scenarioList.length} scenario${scenarioList.length === 1 ? '' : 's'} (${scenarioList.join(', ')}) with ${browser.path}`,
  );
  return runBatch({
    run: {
      extensionDir,
      browserPath: browser.path,
      browserArgs: values['browser-arg'],
      allowThirdPartyCookies: values['allow-third-party-cookies'],
      keepUrlValues: values['keep-url-values'],
      concurrency,
      timeoutMs,
      settleMs,
      policy,
    },
    urls: selected,
    scenarios: scenarioList,
    presenter,
    outDir: path.resolve(values.out),
    formats: formats.ok ? formats.formats : [],
    failOn,
    resume: values.resume,
    quiet: values.quiet,
    terminal: io === CONSOLE_IO ? liveProgressTarget(process.stderr, values.quiet) : null,
    toolVersion: extensionVersionOf(extensionDir),
    autoconsentVersion: autoconsentVersion(),
    // The extension audits with the shop's model when it has one; the baseline alone is the same
    // observation log audited again without a model, in the same core.
    transform: (r) => withSealedModel(baselineOnly ? withBaselineOnly(r) : r, userModel),
    ...(signingKey ? { signingKey } : {}),
    io,
  });
}

async function reauditCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    'policylens reaudit',
    argv,
    {
      policy: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string', default: 'json,html' },
      'fail-on': { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    io,
  );
  if (!parsed) return EXIT.usage;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const problems: string[] = [];
  if (positionals.length === 0) problems.push('reaudit needs at least one saved result (.json)');
  const lang = languageOption(values.lang, problems);
  const presenter = createPresenter(lang);
  const formats = parseFormats(values.format);
  if (!formats.ok) problems.push(formats.message);
  const failOn = values['fail-on'] === undefined ? null : parseSeverity(values['fail-on']);
  if (values['fail-on'] !== undefined && !failOn) problems.push(`--fail-on: unknown severity "${values['fail-on']}"`);
  let policy: { kind: 'file'; text: string; fileName: string } | { kind: 'bundled'; id: string } | { kind: 'baseline' } | null = null;
  if (values.policy !== undefined) {
    const resolved = resolvePolicyArg(values.policy);
    if (!resolved.ok) problems.push(...resolved.errors);
    else
      policy =
        resolved.kind === 'file'
          ? { kind: 'file', text: resolved.text, fileName: resolved.fileName }
          : resolved.kind === 'bundled'
            ? { kind: 'bundled', id: resolved.id }
            : { kind: 'baseline' };
  }
  if (problems.length > 0) {
    for (const p of problems) io.err(`policylens reaudit: ${p}`);
    return EXIT.usage;
  }
  const records = await reauditFiles(positionals, policy, Date.now());
  return finish(records, {
    outDir: values.out === undefined ? null : path.resolve(values.out),
    formats: formats.ok ? formats.formats : [],
    failOn,
    io,
    toolVersion: extensionVersionOf(REPO_ROOT),
    presenter,
  });
}

function finish(
  records: AuditRecord[],
  options: { outDir: string | null; formats: OutputFormat[]; failOn: Severity | null; io: CliIo; toolVersion: string; presenter: Presenter },
): number {
  const { io, presenter } = options;
  for (const r of records) io.out(`\n${formatDiscrepancies(r, presenter)}`);
  io.out(`\n${presenter.t('cli.summary')}\n${formatRunSummary(records, presenter)}`);
  if (options.outDir) {
    const written = writeOutputs(records, {
      outDir: options.outDir,
      formats: options.formats,
      createdAt: Date.now(),
      toolVersion: options.toolVersion,
      autoconsentVersion: autoconsentVersion(),
      presenter,
    });
    const files = [written.index, written.comparison, written.sarif, written.junit].filter((f): f is string => f !== null).map((f) => path.basename(f));
    io.out(
      `\n${outputLine(
        `${options.outDir}${path.sep}`,
        files,
        written.perRecord.reduce((n, r) => n + r.files.length, 0),
        presenter,
      )}`,
    );
  }
  const failed = records.filter((r) => !r.ok).length;
  if (options.failOn) {
    const over = records.reduce((n, r) => n + (r.ok ? violationsAtOrAbove(r.report, options.failOn!) : 0), 0);
    if (over > 0) {
      io.out(`\n${failOnLine(over, options.failOn, presenter)}`);
      return EXIT.failOn;
    }
  }
  if (failed > 0) {
    io.out(`\n${incompleteLine(failed, records.length, presenter)}`);
    return EXIT.pageErrors;
  }
  return EXIT.ok;
}

/** A --policy file's model goes into the seal with the reports that rest on it, so `verify` can audit again. */
function withSealedModel(record: AuditRecord, model: PolicyModel | null): AuditRecord {
  return record.ok && model && record.report.policy?.origin === 'user' && record.policyModel === undefined ? { ...record, policyModel: model } : record;
}

function withBaselineOnly(record: AuditRecord): AuditRecord {
  if (!record.ok) return record;
  const now = Date.now();
  const again = reauditObservations(record.observations, { kind: 'baseline' }, now);
  if (!again.ok)
    return { ok: false, url: record.url, scenario: record.scenario, error: again.errors.join('; '), consent: record.consent, durationMs: record.durationMs };
  const choice = record.choiceVisit ? reauditObservations(record.choiceVisit.observations, { kind: 'baseline' }, now) : null;
  if (!choice?.ok) return { ...record, report: again.report };
  const parts = [
    { part: 'choice' as const, report: choice.report },
    { part: 'reload' as const, report: again.report },
  ];
  return {
    ...record,
    report: scenarioReport(parts, { name: record.scenario, actions: record.consent?.actions ?? [] }),
    choiceVisit: { report: choice.report, observations: choice.observations },
  };
}

function positiveInt(value: string, name: string, problems: string[]): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) problems.push(`${name} must be a positive integer, got "${value}"`);
  return n;
}

function nonNegativeInt(value: string, name: string, problems: string[]): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) problems.push(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`policylens: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(EXIT.usage);
    },
  );
}
