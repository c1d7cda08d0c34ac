import browser from 'webextension-polyfill';
import { REQUEST_CHUNK_SIZE, TabRecorder } from '../core/observe/tab-recorder';
import { decodeTabState } from '../core/observe/tab-state-codec';
import { chunkCount, chunkKey, metaKey, planTabWrites, StorageLedger } from '../core/observe/storage-ledger';
import { addGap, gapAtRestart } from '../core/observe/observation-gaps';
import { STORAGE_BUDGET_IN_BUILD, TAB_LIMITS_IN_BUILD } from './tab-limits-in-build';
import { urlMask } from './url-mask';

/** Coalesces a burst of events into one storage write; short, so a worker stop loses little. */
const PERSIST_DELAY_MS = 100;

/**
 * Per-tab visit state in memory, mirrored to storage.session so a service-worker restart
 * (Chrome stops idle workers after ~30 s) loses as little as can be, and says what it may have
 * lost: a restart while a tab was active leaves a gap in that visit's observations. Every
 * event handler runs through `whenReady`, so events that arrive while the worker restores its
 * state queue in order. Every write is counted against a byte budget well below the quota;
 * a tab whose write passes it takes no new observations (each is counted as overflow).
 */
export class TabStore {
  private readonly recorders = new Map<number, TabRecorder>();
  private readonly persistedChunks = new Map<number, number>();
  private readonly pending = new Set<number>();
  private readonly ledger = new StorageLedger(STORAGE_BUDGET_IN_BUILD);
  /** Writes that failed, retried with the next flush (a newer value of a key replaces its own). */
  private readonly unwritten = new Map<string, string>();
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
    if (previousChunks > 0) this.removeKeys(Array.from({ length: previousChunks }, (_, i) => chunkKey(tabId, i)));
    this.persistedChunks.set(tabId, 0);
    this.changed(tabId);
  }

  remove(tabId: number): void {
    const chunks = this.persistedChunks.get(tabId) ?? 0;
    this.recorders.delete(tabId);
    this.persistedChunks.delete(tabId);
    this.pending.delete(tabId);
    this.removeKeys([metaKey(tabId), ...Array.from({ length: chunks }, (_, i) => chunkKey(tabId, i))]);
  }

  private removeKeys(keys: string[]): void {
    for (const key of keys) {
      this.ledger.forget(key);
      this.unwritten.delete(key);
    }
    void browser.storage.session.remove(keys);
  }

  /** Marks a tab changed; its changes are written shortly after. */
  changed(tabId: number): void {
    const recorder = this.recorders.get(tabId);
    if (recorder) recorder.state.lastChangeAt = Date.now();
    this.pending.add(tabId);
    this.onChange(tabId);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, PERSIST_DELAY_MS);
  }

  async flush(): Promise<void> {
    const writes: Record<string, string> = Object.fromEntries(this.unwritten);
    this.unwritten.clear();
    for (const tabId of this.pending) {
      const recorder = this.recorders.get(tabId);
      if (!recorder) continue;
      Object.assign(writes, planTabWrites(tabId, recorder, this.ledger));
      this.persistedChunks.set(tabId, chunkCount(recorder.state.requests.length));
    }
    this.pending.clear();
    if (Object.keys(writes).length === 0) return;
    try {
      await browser.storage.session.set(writes);
    } catch (error: unknown) {
      // Kept for the next flush; until it succeeds, a worker stop loses these (the restart's
      // gap covers them, since the stored lastChangeAt is older).
      for (const [key, value] of Object.entries(writes)) if (!this.unwritten.has(key)) this.unwritten.set(key, value);
      console.warn('PolicyLens: could not write tab state; retrying with the next change', error);
    }
  }

  private async hydrate(): Promise<void> {
    const stored = await browser.storage.session.get(null);
    const restoredAt = Date.now();
    for (const [key, value] of Object.entries(stored)) if (typeof value === 'string') this.ledger.record(key, value);
    for (const [key, meta] of Object.entries(stored)) {
      const match = /^tab:(\d+)$/.exec(key);
      if (!match) continue;
      const tabId = Number(match[1]);
      const state = decodeTabState(meta, (i) => stored[chunkKey(tabId, i)], REQUEST_CHUNK_SIZE);
      if (!state) {
        console.warn(`PolicyLens: stored state of tab ${tabId} did not decode; starting it afresh`);
        continue;
      }
      // Written with the tab's next change; if the worker stops before, the next restart's
      // gap starts at the same stored lastChangeAt and so covers this one.
      const gap = gapAtRestart(state, restoredAt);
      if (gap) state.gaps = addGap(state.gaps ?? [], gap);
      this.recorders.set(tabId, TabRecorder.fromState(state, TAB_LIMITS_IN_BUILD, urlMask));
      this.persistedChunks.set(tabId, chunkCount(state.requests.length));
    }
    // A store already past its budget stays closed across the restart: new observations are
    // overflow, as they were before it.
    if (this.ledger.bytes > this.ledger.budget) for (const recorder of this.recorders.values()) recorder.closeToNewObservations();
  }
}
