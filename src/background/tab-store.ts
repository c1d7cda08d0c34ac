import browser from 'webextension-polyfill';
import { REQUEST_CHUNK_SIZE, TabRecorder } from '../core/observe/tab-recorder';
import { parseTabState } from '../core/observe/tab-state-schema';
import { TAB_LIMITS_IN_BUILD } from './tab-limits-in-build';
import { urlMask } from './url-mask';

const META_PREFIX = 'tab:';
/** Coalesces a burst of events into one storage write; short, so a worker stop loses little. */
const PERSIST_DELAY_MS = 100;

function metaKey(tabId: number): string {
  return `${META_PREFIX}${tabId}`;
}
function chunkKey(tabId: number, chunk: number): string {
  return `${META_PREFIX}${tabId}:r${chunk}`;
}

/**
 * Per-tab visit state in memory, mirrored to storage.session so a service-worker restart
 * (Chrome stops idle workers after ~30 s) loses nothing. Every event handler runs through
 * `whenReady`, so events that arrive while the worker restores its state queue in order.
 */
export class TabStore {
  private readonly recorders = new Map<number, TabRecorder>();
  private readonly persistedChunks = new Map<number, number>();
  private readonly pending = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly ready: Promise<void>;
  /** Called after a tab's observations changed (the audit re-runs from here). */
  onChange: (tabId: number) => void = () => {};

  constructor() {
    this.ready = this.hydrate();
  }

  whenReady(work: () => void | Promise<void>): Promise<void> {
    return this.ready.then(work).catch((error: unknown) => {
      console.error('PolicyLens: event handling failed', error);
    });
  }

  async read<T>(work: () => T): Promise<T> {
    await this.ready;
    return work();
  }

  get(tabId: number): TabRecorder | undefined {
    return this.recorders.get(tabId);
  }

  all(): IterableIterator<TabRecorder> {
    return this.recorders.values();
  }

  replace(tabId: number, recorder: TabRecorder): void {
    const previousChunks = this.persistedChunks.get(tabId) ?? 0;
    this.recorders.set(tabId, recorder);
    if (previousChunks > 0) {
      void browser.storage.session.remove(Array.from({ length: previousChunks }, (_, i) => chunkKey(tabId, i)));
    }
    this.persistedChunks.set(tabId, 0);
    this.changed(tabId);
  }

  remove(tabId: number): void {
    const chunks = this.persistedChunks.get(tabId) ?? 0;
    this.recorders.delete(tabId);
    this.persistedChunks.delete(tabId);
    this.pending.delete(tabId);
    void browser.storage.session.remove([metaKey(tabId), ...Array.from({ length: chunks }, (_, i) => chunkKey(tabId, i))]);
  }

  /** Marks a tab changed; its changes are written shortly after. */
  changed(tabId: number): void {
    this.pending.add(tabId);
    this.onChange(tabId);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, PERSIST_DELAY_MS);
  }

  async flush(): Promise<void> {
    const writes: Record<string, unknown> = {};
    for (const tabId of this.pending) {
      const recorder = this.recorders.get(tabId);
      if (!recorder) continue;
      const { meta, chunks } = recorder.takeChanges();
      if (meta) writes[metaKey(tabId)] = meta;
      for (const [chunk, requests] of chunks) writes[chunkKey(tabId, chunk)] = requests;
      this.persistedChunks.set(tabId, Math.ceil(recorder.state.requests.length / REQUEST_CHUNK_SIZE));
    }
    this.pending.clear();
    if (Object.keys(writes).length > 0) await browser.storage.session.set(writes);
  }

  private async hydrate(): Promise<void> {
    const stored = await browser.storage.session.get(null);
    for (const [key, meta] of Object.entries(stored)) {
      const match = /^tab:(\d+)$/.exec(key);
      if (!match) continue;
      const tabId = Number(match[1]);
      const count = typeof (meta as { requestCount?: unknown }).requestCount === 'number' ? (meta as { requestCount: number }).requestCount : 0;
      const chunkCount = Math.ceil(count / REQUEST_CHUNK_SIZE);
      const chunks = Array.from({ length: chunkCount }, (_, i) => stored[chunkKey(tabId, i)]);
      const state = parseTabState(meta, chunks);
      if (!state) {
        console.warn(`PolicyLens: stored state of tab ${tabId} did not parse; starting it afresh`);
        continue;
      }
      this.recorders.set(tabId, TabRecorder.fromState(state, TAB_LIMITS_IN_BUILD, urlMask));
      this.persistedChunks.set(tabId, chunkCount);
    }
  }
}
