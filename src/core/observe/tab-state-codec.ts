import { packRecords, unpackRecords, type PackedRecords } from './packed-records';
import { parseTabState } from './tab-state-schema';
import type { TabState } from './tab-state';

/**
 * How a visit is written to storage.session: the meta (everything but the requests) and each
 * chunk of requests as one string of packed JSON. One string per key because Chromium counts
 * the quota as the memory of the stored values: a string costs about its length, while
 * thousands of small objects cost many times their JSON (issue 24: 16,420 requests filled the
 * 10 MB). `STORED_FORMAT` changes whenever the encoding does; other formats do not decode.
 */
export const STORED_FORMAT = 2;

type Meta = Omit<TabState, 'requests'> & { requestCount: number };
const MAX_STORED_REQUESTS = 1_000_000;
const PACKED_COLLECTIONS = ['cookies', 'storageKeys', 'resources'] as const;
/** The field that carries a keyed record's id inside its packed row. */
const ID_FIELD = '$id';

export function encodeMeta(meta: Meta): string {
  const { cookieAttempts, ...rest } = meta;
  const packed: Record<string, unknown> = { ...rest, format: STORED_FORMAT, cookieAttempts: packRecords(cookieAttempts) };
  for (const name of PACKED_COLLECTIONS) {
    packed[name] = packRecords(Object.entries(meta[name]).map(([id, value]) => ({ [ID_FIELD]: id, ...value })));
  }
  return JSON.stringify(packed);
}

export function encodeRequestChunk(requests: TabState['requests']): string {
  return JSON.stringify(packRecords(requests));
}

/**
 * A visit back from its stored strings; null when anything does not decode or validate
 * (storage is never trusted: the result goes through the same schema as always).
 */
export function decodeTabState(meta: unknown, chunkAt: (index: number) => unknown, chunkSize: number): TabState | null {
  try {
    if (typeof meta !== 'string') return null;
    const parsed = JSON.parse(meta) as Record<string, unknown>;
    // Storage is ours, but never trusted: a wild count must not allocate a wild array.
    if (parsed.format !== STORED_FORMAT || !Number.isInteger(parsed.requestCount) || (parsed.requestCount as number) > MAX_STORED_REQUESTS) return null;
    const chunks = Array.from({ length: Math.ceil((parsed.requestCount as number) / chunkSize) }, (_, i) => chunkAt(i));
    const { format: _format, ...rest } = parsed;
    rest.cookieAttempts = unpackRecords(parsed.cookieAttempts as PackedRecords);
    for (const name of PACKED_COLLECTIONS) {
      const byId: Record<string, unknown> = {};
      for (const { [ID_FIELD]: id, ...value } of unpackRecords(parsed[name] as PackedRecords)) byId[String(id)] = value;
      rest[name] = byId;
    }
    const requests = chunks.map((chunk) => (typeof chunk === 'string' ? unpackRecords(JSON.parse(chunk) as PackedRecords) : null));
    if (requests.includes(null)) return null;
    return parseTabState(rest, requests);
  } catch {
    return null;
  }
}

/** What a stored string costs against the quota: its key and its UTF-8 bytes (Chromium keeps strings as UTF-8). */
export function storedBytes(key: string, value: string): number {
  return key.length + utf8Length(value);
}

function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // Surrogate pairs: 2 units, 4 bytes — the +1 for each half makes 4.
    if (code >= 0x80) bytes += code >= 0x800 ? (code >= 0xd800 && code <= 0xdfff ? 1 : 2) : 1;
  }
  return bytes;
}
