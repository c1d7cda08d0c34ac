import type { Presenter } from '../../presenter/presenter';

/** Where a batch stands: counts since the start of this run, plus what an earlier run did. */
export interface BatchProgress {
  total: number;
  /** Done in an earlier run of the same folder (skipped by --resume). */
  resumed: number;
  ok: number;
  failed: number;
  /** Epoch ms when this run started and now: the clock is a parameter. */
  startedAt: number;
  now: number;
}

/** Page × scenarios finished per minute in this run (0 before the first). */
export function ratePerMinute(p: BatchProgress): number {
  const minutes = (p.now - p.startedAt) / 60_000;
  return minutes > 0 ? (p.ok + p.failed) / minutes : 0;
}

/** Milliseconds left at this run's rate; null before the first result. */
export function etaMs(p: BatchProgress): number | null {
  const rate = ratePerMinute(p);
  if (rate === 0) return null;
  const remaining = p.total - p.resumed - p.ok - p.failed;
  return (remaining / rate) * 60_000;
}

/** `1h05m`, `4m12s`, `9s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** One line: `[57/200] 50 done, 4 failed, 3 resumed, 143 left · 6.2/min · ETA 23m04s`, in the reader's language. */
export function progressLine(p: BatchProgress, words: Presenter): string {
  const finished = p.resumed + p.ok + p.failed;
  const eta = etaMs(p);
  const counts = { ok: p.ok, failed: p.failed, resumed: p.resumed, left: p.total - finished };
  const rate = new Intl.NumberFormat(words.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratePerMinute(p));
  return [
    `[${finished}/${p.total}] ${words.t(p.resumed > 0 ? 'cli.progress.countsResumed' : 'cli.progress.counts', counts)}`,
    words.t('cli.progress.rate', { rate }),
    words.t('cli.progress.eta', { eta: eta === null ? '–' : formatDuration(eta) }),
  ].join(' · ');
}

/**
 * Where the live progress line is drawn: on the terminal, unless --quiet asks for plain
 * lines there too; null (plain lines) off a terminal — a CI log, a pod's log, a pipe.
 */
export function liveProgressTarget<T extends { isTTY?: boolean }>(stream: T, quiet: boolean): T | null {
  return !quiet && stream.isTTY === true ? stream : null;
}

/**
 * Prints progress: on a terminal (`live`) one line rewritten in place, with log lines
 * printed above it and the ETA redrawn every second; elsewhere — a CI log, a pod's log,
 * --quiet — one plain line per finished job.
 */
export class ProgressReporter {
  private state: BatchProgress;
  private shown = false;
  private ticker: NodeJS.Timeout | null = null;

  constructor(
    private readonly out: { live: { write(text: string): unknown } | null; line(text: string): void },
    init: { total: number; resumed: number; startedAt: number },
    private readonly clock: () => number,
    private readonly words: Presenter,
  ) {
    this.state = { ...init, ok: 0, failed: 0, now: init.startedAt };
    if (out.live) {
      this.ticker = setInterval(() => this.draw(), 1_000);
      this.ticker.unref();
    }
  }

  get progress(): BatchProgress {
    return { ...this.state, now: this.clock() };
  }

  /** A log line, printed above the live line. */
  log(line: string): void {
    if (this.out.live && this.shown) {
      this.out.live.write(`\r\x1b[2K${line}\n`);
      this.draw();
    } else this.out.line(line);
  }

  finished(ok: boolean): void {
    if (ok) this.state.ok += 1;
    else this.state.failed += 1;
    if (this.out.live) this.draw();
    else this.out.line(progressLine(this.progress, this.words));
  }

  /** Ends the live line, so what follows starts on a line of its own. */
  end(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (this.out.live && this.shown) this.out.live.write('\n');
    this.shown = false;
  }

  private draw(): void {
    this.out.live?.write(`\r\x1b[2K${progressLine(this.progress, this.words)}`);
    this.shown = true;
  }
}
