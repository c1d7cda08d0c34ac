/**
 * The stored tab state at every per-tab cap (20,000 requests, 5,000 cookies, cookie attempts,
 * storage keys and scripts, recorded through TabRecorder): its size against storage.session's
 * 10 MiB and the store's budget, the time to write it all, and the time to read it back after
 * a worker restart (decode + validate + recorder + the popup's summary), which is what the
 * popup waits for. Measurements, not tests. Run: npm run bench:tab-store
 */
import os from 'node:os';
import { decodeTabState, encodeMeta, encodeRequestChunk, storedBytes } from '../../src/core/observe/tab-state-codec.ts';
import { REQUEST_CHUNK_SIZE, TabRecorder } from '../../src/core/observe/tab-recorder.ts';
import { STORAGE_BUDGET_BYTES } from '../../src/core/observe/limits.ts';
import { summariseTab } from '../../src/core/observe/summarise-tab.ts';
import { heavyTab } from '../core/observe/heavy-tab.ts';
import { fmt, table, timed } from './stats.ts';

const RUNS = 7;
const QUOTA = 10 * 1024 * 1024;

const timedRuns = <T>(f: () => T) => timed(f, RUNS);

const recorder = heavyTab();
const { meta, chunks } = recorder.takeChanges();
if (!meta) throw new Error('no meta');
const write = timedRuns(() => {
  const out = new Map<string, string>([['tab:7', encodeMeta(meta)]]);
  for (const [chunk, requests] of chunks) out.set(`tab:7:r${chunk}`, encodeRequestChunk(requests));
  return out;
});
const stored = write.value;
const bytes = [...stored].reduce((sum, [key, value]) => sum + storedBytes(key, value), 0);
const plainJson = JSON.stringify(recorder.state).length;
const metaWrite = timedRuns(() => encodeMeta(meta));
const read = timedRuns(() => {
  const state = decodeTabState(stored.get('tab:7'), (i) => stored.get(`tab:7:r${i}`), REQUEST_CHUNK_SIZE);
  if (!state) throw new Error('did not decode');
  return summariseTab(TabRecorder.fromState(state).state);
});

process.stdout.write(
  [
    `### Stored tab state at the caps (${os.cpus().length} cores, load ${fmt(os.loadavg()[0] ?? 0, 1)}; median and max of ${RUNS} runs)`,
    '',
    table(
      ['measure', 'value'],
      [
        [
          'requests / cookies / attempts / storage keys / scripts',
          `${recorder.state.requests.length} / ${Object.keys(recorder.state.cookies).length} / ${recorder.state.cookieAttempts.length} / ${Object.keys(recorder.state.storageKeys).length} / ${Object.keys(recorder.state.resources).length}`,
        ],
        [
          'stored bytes (keys + UTF-8 values)',
          `${bytes.toLocaleString('en')} (${fmt((100 * bytes) / QUOTA, 1)} % of the 10 MiB quota, ${fmt((100 * bytes) / STORAGE_BUDGET_BYTES, 1)} % of the budget)`,
        ],
        ['the same state as plain JSON', `${plainJson.toLocaleString('en')} characters`],
        ['keys written', `${stored.size}`],
        ['write everything (encode meta + every chunk), ms', `${fmt(write.ms, 0)} (max ${fmt(write.max, 0)})`],
        ['write the meta alone (what most changes rewrite), ms', `${fmt(metaWrite.ms, 0)} (max ${fmt(metaWrite.max, 0)})`],
        ['read after a restart (decode + validate + recorder + summary), ms', `${fmt(read.ms, 0)} (max ${fmt(read.max, 0)})`],
      ],
    ),
    '',
  ].join('\n'),
);
