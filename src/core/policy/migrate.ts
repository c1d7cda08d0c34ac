import { CURRENT_SCHEMA_VERSION } from './schema.ts';

/** A problem found while upgrading; `path` uses the loader's path segments. */
export interface MigrationIssue {
  path: (string | number)[];
  message: string;
}

export type MigrationResult = { ok: true; value: Record<string, unknown>; fromVersion: number; notes: string[] } | { ok: false; issues: MigrationIssue[] };

type PlainObject = Record<string, unknown>;

/**
 * One step per version: `MIGRATIONS[n]` turns a version-n document into version n+1.
 * Steps must be pure and tolerate malformed input (leave what they do not recognise for
 * the schema to report) because they run before validation.
 */
const MIGRATIONS: Record<number, (doc: PlainObject, notes: string[]) => PlainObject> = {
  0: migrateV0ToV1,
};

/**
 * v0 (the draft format) called the promise list `limits`, a processor's vendor id `vendor`
 * and a cookie's lifetime `lifetimeDays`, and had no first-party cookie list.
 */
function migrateV0ToV1(doc: PlainObject, notes: string[]): PlainObject {
  const out: PlainObject = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'limits' && !('promises' in doc)) {
      out.promises = value;
      notes.push('renamed "limits" to "promises"');
    } else {
      out[key] = value;
    }
  }
  if (Array.isArray(out.processors)) {
    out.processors = out.processors.map((p) => {
      if (!isPlainObject(p)) return p;
      const renamed = renameKey(p, 'vendor', 'vendorId');
      return Array.isArray(renamed.cookies)
        ? { ...renamed, cookies: renamed.cookies.map((c) => (isPlainObject(c) ? renameKey(c, 'lifetimeDays', 'maxLifetimeDays') : c)) }
        : renamed;
    });
  }
  if (!('firstPartyCookies' in out)) out.firstPartyCookies = [];
  out.schemaVersion = 1;
  return out;
}

function renameKey(obj: PlainObject, from: string, to: string): PlainObject {
  if (!(from in obj) || to in obj) return obj;
  const out: PlainObject = {};
  // Rebuild rather than delete so key order (and so dumped output) stays as written.
  for (const [key, value] of Object.entries(obj)) out[key === from ? to : key] = value;
  return out;
}

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Upgrade a parsed model document to the current schema version. The document must
 * declare `schemaVersion` (0 for the draft format); a missing or newer version is an
 * issue rather than a guess, so a file written for a later PolicyLens is never mangled.
 */
export function migratePolicy(raw: unknown): MigrationResult {
  if (!isPlainObject(raw)) return { ok: false, issues: [{ path: [], message: 'expected a mapping at the root' }] };
  const version = raw.schemaVersion;
  if (version === undefined) {
    return {
      ok: false,
      issues: [{ path: ['schemaVersion'], message: `missing required field "schemaVersion" (current version is ${CURRENT_SCHEMA_VERSION})` }],
    };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, issues: [{ path: ['schemaVersion'], message: `expected a whole version number, got ${JSON.stringify(version) ?? String(version)}` }] };
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [{ path: ['schemaVersion'], message: `version ${version} is newer than this PolicyLens understands (${CURRENT_SCHEMA_VERSION})` }],
    };
  }
  const notes: string[] = [];
  let doc: PlainObject = raw;
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from schema version ${v}`);
    doc = step(doc, notes);
  }
  return { ok: true, value: doc, fromVersion: version, notes };
}
