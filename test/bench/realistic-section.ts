import type { RealisticResult, RealisticRow } from './page-load-realistic.ts';
import { fmt, table } from './stats.ts';

function interval(i: { value: number; low: number; high: number }, digits: number, sign = false): string {
  const v = (x: number) => `${sign && x > 0 ? '+' : ''}${fmt(x, digits)}`;
  return `${v(i.value)} [${v(i.low)}, ${v(i.high)}]`;
}

function row(r: RealisticRow): string[] {
  return [
    r.label,
    `${r.loads}`,
    `${fmt(r.median.load, 0)} / ${fmt(r.median.domContentLoaded, 0)} / ${fmt(r.median.firstByte, 0)}`,
    r.id === 'none' ? '' : interval(r.ratio.load, 3),
    r.id === 'none' ? '' : interval(r.addedMs.load, 0, true),
    r.id === 'none' ? '' : interval(r.ratio.domContentLoaded, 3),
    r.id === 'none' ? '' : interval(r.addedMs.domContentLoaded, 0, true),
    r.id === 'none' ? '' : interval(r.addedMs.firstByte, 0, true),
  ];
}

/** The realistic phase's markdown: every row against no extension, with the run's conditions. */
export function realisticSection(r: RealisticResult, heading: string): string {
  const n = r.network;
  return [
    `### ${heading} (realistic network: ${n.documentDelayMs} ms document first byte, ${n.resourceDelayMs} ms per other response, one shared ${n.linkBitsPerSecond / 1e6} Mbit/s link; ${r.requestsPerLoad} requests, ${fmt(r.bytesPerLoad / 1e6, 2)} MB per load)`,
    '',
    `${r.rounds} rounds, every row loads the page once per round, the order rotating; a fresh tab per load. Medians over rounds; intervals: bootstrap 95 % over rounds (paired with the no-extension load of the same round). Load average (1 min) while it ran: ${fmt(r.loadAverage.min, 1)}–${fmt(r.loadAverage.max, 1)} (mean ${fmt(r.loadAverage.mean, 1)}); ${fmt(r.seconds, 0)} s.`,
    '',
    table(
      [
        '',
        'loads',
        'median load / DOMContentLoaded / first byte, ms',
        'load ratio',
        'load, ms added',
        'DOMContentLoaded ratio',
        'DOMContentLoaded, ms added',
        'first byte, ms added',
      ],
      r.rows.map(row),
    ),
  ].join('\n');
}
