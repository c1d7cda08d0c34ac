import { encodeMeta, encodeRequestChunk, storedBytes } from './tab-state-codec';
import { REQUEST_CHUNK_SIZE, type TabRecorder } from './tab-recorder';

/** The storage keys of a tab's meta and of its request chunks. */
export function metaKey(tabId: number): string {
  return `tab:${tabId}`;
}
export function chunkKey(tabId: number, chunk: number): string {
  return `tab:${tabId}:r${chunk}`;
}

/**
 * What each stored key costs against the quota, kept on every write and removal, so the
 * budget is checked without asking the browser (getBytesInUse is async and Chromium-only).
 */
export class StorageLedger {
  private readonly sizes = new Map<string, number>();
  private used = 0;

  constructor(readonly budget: number) {}

  get bytes(): number {
    return this.used;
  }

  /** Bytes the store would grow by if these values replaced their keys. */
  growth(writes: Readonly<Record<string, string>>): number {
    let growth = 0;
    for (const [key, value] of Object.entries(writes)) growth += storedBytes(key, value) - (this.sizes.get(key) ?? 0);
    return growth;
  }

  record(key: string, value: string): void {
    const bytes = storedBytes(key, value);
    this.used += bytes - (this.sizes.get(key) ?? 0);
    this.sizes.set(key, bytes);
  }

  forget(key: string): void {
    this.used -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }
}

/**
 * The writes a tab's changes need, within the ledger's budget: when they would pass it, they
 * still go out (the budget leaves room below the quota for one write), but the recorder takes
 * no new observations from then on — each is counted as overflow and so warned about, never
 * dropped unsaid. The writes are recorded in the ledger.
 */
export function planTabWrites(tabId: number, recorder: TabRecorder, ledger: StorageLedger): Record<string, string> {
  const writes: Record<string, string> = {};
  const { meta, chunks } = recorder.takeChanges();
  if (meta) writes[metaKey(tabId)] = encodeMeta(meta);
  for (const [chunk, requests] of chunks) writes[chunkKey(tabId, chunk)] = encodeRequestChunk(requests);
  const growth = ledger.growth(writes);
  if (growth > 0 && ledger.bytes + growth > ledger.budget) {
    recorder.closeToNewObservations();
    const closed = recorder.takeChanges().meta;
    if (closed) writes[metaKey(tabId)] = encodeMeta(closed);
  }
  for (const [key, value] of Object.entries(writes)) ledger.record(key, value);
  return writes;
}

/** How many request chunks hold this many requests. */
export function chunkCount(requests: number): number {
  return Math.ceil(requests / REQUEST_CHUNK_SIZE);
}
