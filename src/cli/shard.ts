/** One slice of a URL list: the k-th (1-based) of n. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard k/N` with 1 ≤ k ≤ N. */
export function parseShard(value: string): { ok: true; shard: Shard } | { ok: false; message: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) return { ok: false, message: `--shard expects k/N (e.g. 1/4), got "${value}"` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return { ok: false, message: `--shard ${value}: k must be between 1 and N` };
  return { ok: true, shard: { index, count } };
}

/**
 * The URLs shard k of N audits. Deterministic across machines: the list is sorted and
 * de-duplicated first, then URL i goes to shard (i mod N) + 1, so the N shards together
 * cover every URL exactly once whatever order the list was given in.
 */
export function shardUrls(urls: readonly string[], shard: Shard | null): string[] {
  const sorted = [...new Set(urls)].sort();
  if (!shard) return sorted;
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}
