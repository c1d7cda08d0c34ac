import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failureReason } from '../../src/cli/batch/failure-reason';
import { csvCell } from '../../src/core/report/csv-cell';
import { etaMs, liveProgressTarget, progressLine, ProgressReporter, ratePerMinute } from '../../src/cli/batch/progress';
import { createPresenter } from '../../src/presenter/presenter';
import { completedEntries, openIndex, readIndex, RESULTS_INDEX, type IndexEntry } from '../../src/cli/batch/result-index';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'policylens-batch-parts-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function failed(url: string): IndexEntry {
  return { url, scenario: 'none', files: [], attempts: 2, durationMs: 1, finishedAt: 1, consent: null, ok: false, reason: 'timeout', error: 'timeout' };
}

describe('failure reasons', () => {
  // The errors Chromium and Playwright gave for the planted fixture pages, and others they give.
  it.each([
    ['timeout: page.goto: Timeout 4000ms exceeded.', 'timeout'],
    ['timeout: the page audit did not finish within 54000 ms', 'timeout'],
    ['page.goto: Page crashed', 'renderer-crash'],
    ['page.evaluate: Target crashed', 'renderer-crash'],
    ['page.goto: Target page, context or browser has been closed', 'browser-crash'],
    ['navigation failed (net::ERR_TOO_MANY_REDIRECTS)', 'redirect-loop'],
    ['TLS error: the certificate or TLS handshake was refused (net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH)', 'tls'],
    ['TLS error: the certificate or TLS handshake was refused (net::ERR_CERT_AUTHORITY_INVALID)', 'tls'],
    ['page.goto: Download is starting', 'download'],
    ['DNS failure: the host name could not be resolved (net::ERR_NAME_NOT_RESOLVED)', 'dns'],
    ['connection refused (net::ERR_CONNECTION_REFUSED)', 'connection'],
    ['the extension refused the policy: x.yaml:1:1 shop: required', 'policy-refused'],
    ['no tab found for about:blank', 'other'],
  ])('%s → %s', (error, reason) => {
    expect(failureReason(error)).toBe(reason);
  });
});

const en = createPresenter('en');

describe('progress', () => {
  const at = (minutes: number, ok: number, failed: number) => ({ total: 100, resumed: 20, ok, failed, startedAt: 0, now: minutes * 60_000 });

  it('rates this run only, and counts resumed work as done for the ETA', () => {
    expect(ratePerMinute(at(2, 8, 2))).toBe(5);
    // 100 - 20 resumed - 10 finished = 70 left at 5 a minute.
    expect(etaMs(at(2, 8, 2))).toBe(14 * 60_000);
    expect(etaMs(at(0, 0, 0))).toBeNull();
    expect(progressLine(at(2, 8, 2), en)).toBe('[30/100] 8 done, 2 failed, 20 resumed, 70 left · 5.0/min · ETA 14m00s');
    expect(progressLine({ ...at(90, 8, 2), total: 1000 }, en)).toContain('ETA 145h30m');
    expect(progressLine(at(2, 8, 2), createPresenter('de'))).toBe('[30/100] 8 fertig, 2 fehlgeschlagen, 20 übernommen, 70 offen · 5,0/min · noch ca. 14m00s');
  });

  it('draws the live line on a terminal only, and never with --quiet', () => {
    const tty = { isTTY: true };
    expect(liveProgressTarget(tty, false)).toBe(tty);
    expect(liveProgressTarget(tty, true)).toBeNull();
    expect(liveProgressTarget({ isTTY: false }, false)).toBeNull();
    expect(liveProgressTarget({}, false)).toBeNull();
  });

  it('prints one plain line per finished job off a terminal, and redraws one line on it', () => {
    let now = 0;
    const plain: string[] = [];
    const off = new ProgressReporter({ live: null, line: (l) => plain.push(l) }, { total: 3, resumed: 0, startedAt: 0 }, () => now, en);
    now = 60_000;
    off.finished(true);
    off.log('a log line');
    off.finished(false);
    off.end();
    expect(plain).toEqual(['[1/3] 1 done, 0 failed, 2 left · 1.0/min · ETA 2m00s', 'a log line', '[2/3] 1 done, 1 failed, 1 left · 2.0/min · ETA 30s']);

    let screen = '';
    const on = new ProgressReporter(
      { live: { write: (t: string) => (screen += t) }, line: () => {} },
      { total: 2, resumed: 0, startedAt: 0 },
      () => 30_000,
      en,
    );
    on.finished(true);
    on.log('between');
    on.end();
    expect(screen).toBe(
      '\r\x1b[2K[1/2] 1 done, 0 failed, 1 left · 2.0/min · ETA 30s\r\x1b[2Kbetween\n\r\x1b[2K[1/2] 1 done, 0 failed, 1 left · 2.0/min · ETA 30s\n',
    );
  });
});

describe('the run index', () => {
  it('cuts a line a kill left unfinished before it appends, so no entry is lost', () => {
    const dir = tempDir();
    const file = path.join(dir, RESULTS_INDEX);
    writeFileSync(file, `${JSON.stringify(failed('https://a.example/'))}\n`);
    appendFileSync(file, JSON.stringify(failed('https://b.example/')).slice(0, 40));
    expect(readIndex(dir).map((e) => e.url)).toEqual(['https://a.example/']);
    openIndex(dir, 'resume').append(failed('https://c.example/'));
    expect(readIndex(dir).map((e) => e.url)).toEqual(['https://a.example/', 'https://c.example/']);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('counts as done only entries whose files are all there, and starts empty when not resuming', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.json'), '{}');
    const index = openIndex(dir, 'fresh');
    index.append({ ...failed('https://a.example/'), files: ['a.json'] });
    index.append({ ...failed('https://b.example/'), files: ['b.json'] });
    expect(completedEntries(dir).map((e) => e.url)).toEqual(['https://a.example/']);
    openIndex(dir, 'fresh');
    expect(readIndex(dir)).toEqual([]);
  });
});

describe('CSV cells', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3)).toBe('-3');
  });
});
