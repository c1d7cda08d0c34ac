import { quantile } from './stats.ts';

export interface Timing {
  /** Median and 99th percentile of single calls, in µs, timer overhead subtracted. */
  medianUs: number;
  p99Us: number;
  /** Mean per call from timing batches of BATCH calls (no per-call timer in the loop). */
  meanUs: number;
  calls: number;
}

export const BATCH = 100;

let sink = 0;
/** Keeps results observable so V8 cannot drop the measured work. */
export function consume(value: unknown): void {
  if (value !== null && value !== undefined) sink = (sink + 1) | 0;
}
/** @public Exported so the sink stays readable from outside: V8 cannot treat it as dead. */
export function sinkValue(): number {
  return sink;
}

/** Median cost of an empty hrtime.bigint() pair, in ns. */
export function timerOverheadNs(): number {
  const samples = new Float64Array(200_000);
  for (let i = 0; i < samples.length; i++) {
    const t0 = process.hrtime.bigint();
    const t1 = process.hrtime.bigint();
    samples[i] = Number(t1 - t0);
  }
  samples.sort();
  return quantile(samples, 0.5);
}

/**
 * Runs `fn` over every item `rounds` times. Single-call samples give the distribution; a
 * separate batched pass gives the mean without the timer's own cost in the loop.
 */
export function timeCalls<T>(items: readonly T[], fn: (item: T) => unknown, overheadNs: number, rounds = 2): Timing {
  const samples = new Float64Array(items.length * rounds);
  let k = 0;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as T;
      const t0 = process.hrtime.bigint();
      const out = fn(item);
      const t1 = process.hrtime.bigint();
      consume(out);
      samples[k++] = Math.max(0, Number(t1 - t0) - overheadNs);
    }
  }
  samples.sort();
  let totalNs = 0;
  let batched = 0;
  for (let start = 0; start + BATCH <= items.length; start += BATCH) {
    const t0 = process.hrtime.bigint();
    for (let i = start; i < start + BATCH; i++) consume(fn(items[i] as T));
    totalNs += Number(process.hrtime.bigint() - t0);
    batched += BATCH;
  }
  return { medianUs: quantile(samples, 0.5) / 1000, p99Us: quantile(samples, 0.99) / 1000, meanUs: totalNs / batched / 1000, calls: samples.length };
}
