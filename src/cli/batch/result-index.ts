import { appendFileSync, existsSync, openSync, closeSync, ftruncateSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Severity, Verdict } from '../../core/audit/report-types';
import type { FailureReason } from './failure-reason';

/** The run index of an output folder: one JSON line per finished page × scenario. */
export const RESULTS_INDEX = 'results.ndjson';

/**
 * One finished page × scenario, as `results.ndjson` holds it: enough for resume, the
 * merged summary, CSV and overview without opening the result itself. `files` are
 * relative to the folder holding the index.
 */
export type IndexEntry = {
  url: string;
  scenario: string;
  files: string[];
  attempts: number;
  durationMs: number | null;
  /** Epoch ms when the result was written. */
  finishedAt: number;
  consent: { cmp: string | null; applied: boolean; state: string } | null;
} & (
  | {
      ok: true;
      verdict: Verdict;
      violations: number;
      worstSeverity: Severity | null;
      /** The report's findings per severity (notices included), as its summary counts them. */
      bySeverity: Record<Severity, number>;
      /** Violations only, per severity: what --fail-on reads. */
      violationsBySeverity: Record<Severity, number>;
      /** Violations per rule id (rules without any are left out). */
      rules: Record<string, number>;
    }
  | { ok: false; reason: FailureReason; error: string }
);

/** Page × scenario: what a batch does once. */
export function entryKey(entry: { url: string; scenario: string }): string {
  return `${entry.url}\u0000${entry.scenario}`;
}

/**
 * The entries of a folder's index, the last line per page × scenario winning. A line cut
 * short by a kill is skipped (its result is then done again); so is a line that is not an
 * entry at all.
 */
export function readIndex(dir: string): IndexEntry[] {
  const file = path.join(dir, RESULTS_INDEX);
  if (!existsSync(file)) return [];
  const byKey = new Map<string, IndexEntry>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isEntry(entry)) continue;
    byKey.delete(entryKey(entry));
    byKey.set(entryKey(entry), entry);
  }
  return [...byKey.values()];
}

function isEntry(value: unknown): value is IndexEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.url === 'string' && typeof v.scenario === 'string' && typeof v.ok === 'boolean' && Array.isArray(v.files);
}

/**
 * Opens a folder's index for appending. Fresh: empties it. Resuming: keeps it, and cuts a
 * last line a kill left without its newline, so the next entry starts on a line of its own.
 */
export function openIndex(dir: string, mode: 'fresh' | 'resume'): { append(entry: IndexEntry): void } {
  const file = path.join(dir, RESULTS_INDEX);
  if (mode === 'fresh' || !existsSync(file)) {
    closeSync(openSync(file, 'w'));
  } else {
    const text = readFileSync(file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < Buffer.byteLength(text) || statSync(file).size !== Buffer.byteLength(text)) {
      const fd = openSync(file, 'r+');
      ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
      closeSync(fd);
    }
  }
  // One write per line: after a kill the file ends at a line boundary or inside the last line.
  return { append: (entry) => appendFileSync(file, `${JSON.stringify(entry)}\n`) };
}

/** The entries whose result files are all still there: what `--resume` need not do again. */
export function completedEntries(dir: string): IndexEntry[] {
  return readIndex(dir).filter((e) => e.files.length > 0 && e.files.every((f) => existsSync(path.join(dir, f))));
}
