import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Alias, Document, DocumentOptions, Node as YamlNode, Pair, ParseOptions, SchemaOptions, YAMLMap } from 'yaml';
import type { z } from 'zod';
import { findJsonSyntaxError } from './find-json-syntax-error.ts';
import { migratePolicy } from './migrate.ts';
import { checkPolicyLimits, POLICY_LIMITS } from './policy-limits.ts';
import { policyModelSchema } from './schema.ts';
import type { PolicyModel } from './schema.ts';

export type PolicyFormat = 'yaml' | 'json';

/**
 * A located problem in a model file. `line`/`column` are 1-based and absent only when the
 * position cannot be known; `path` is '' for the whole document.
 */
export interface PolicyError {
  file: string;
  line?: number;
  column?: number;
  path: string;
  message: string;
}

export type LoadPolicyResult = { ok: true; model: PolicyModel; warnings: PolicyError[] } | { ok: false; errors: PolicyError[] };

type PathSegment = string | number;

const IDENTIFIER_RE = /^[A-Za-z_$][\w$-]*$/;
const JSON_EXTENSION_RE = /\.json$/i;
const MAX_SHOWN_VALUE = 60;

/**
 * Parse, migrate and validate a policy model file. Never throws: any input gives either a
 * model or errors located by line, column and path. YAML uses the safe core schema (no
 * custom tags, no merge keys); JSON is checked strictly (including duplicate keys), read
 * natively, and mapped back to positions with the same YAML document API.
 */
export interface LoadPolicyOptions {
  /**
   * The vendor catalogue's ids (handed in by the caller, which has the catalogue): a
   * processor's vendorId outside it is warned about, so a typo does not silently break host
   * attribution. Without it, vendor ids are not checked.
   */
  knownVendorIds?: ReadonlySet<string>;
}

export function loadPolicy(text: string, fileName: string, format?: PolicyFormat, options: LoadPolicyOptions = {}): LoadPolicyResult {
  const file = typeof fileName === 'string' && fileName !== '' ? fileName : '<input>';
  try {
    return loadUnsafe(text, file, format ?? (JSON_EXTENSION_RE.test(file) ? 'json' : 'yaml'), options.knownVendorIds ?? null);
  } catch (err) {
    // Last resort for engine limits (e.g. stack overflow on absurd nesting); the loader
    // promises a result, not an exception.
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [{ file, path: '', message: `could not read the file: ${reason}` }] };
  }
}

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  customTags: [],
  merge: false,
  // Checked by findDuplicateKey instead: yaml compares each key with every earlier one of its
  // mapping, and 20,000 keys in one mapping took 3 s.
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
  keepSourceTokens: false,
};

function loadUnsafe(text: unknown, file: string, format: PolicyFormat, knownVendorIds: ReadonlySet<string> | null): LoadPolicyResult {
  if (typeof text !== 'string') {
    return { ok: false, errors: [{ file, path: '', message: `expected the file's text, got ${describeValue(text)}` }] };
  }
  const lineCounter = new LineCounter();
  const countLines = () => {
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  };
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const warnings: PolicyError[] = [];
  let doc: Document | undefined;
  let raw: unknown;

  // Before any parsing: past a limit, the expensive steps below never run.
  const breach = checkPolicyLimits(text);
  if (breach) {
    countLines();
    return { ok: false, errors: [{ file, ...at(breach.offset), path: '', message: `too large: ${breach.message}` }] };
  }
  if (format === 'json') {
    const syntax = findJsonSyntaxError(text);
    if (syntax) {
      countLines();
      return { ok: false, errors: [{ file, ...at(syntax.offset), path: '', message: `JSON syntax error: ${syntax.message}` }] };
    }
    // Valid JSON: read values natively (fast); the YAML document is built only if an
    // error needs a position.
    raw = JSON.parse(text);
  } else {
    doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
    const errors: PolicyError[] = doc.errors.map((e) => ({
      file,
      ...at(e.pos[0]),
      path: '',
      message: `YAML syntax error: ${firstLine(e.message)}`,
    }));
    for (const w of doc.warnings) {
      const entry = { file, ...at(w.pos[0]), path: '', message: firstLine(w.message) };
      // An unresolved tag would silently become a string; in a policy file it is a mistake.
      if (w.code === 'TAG_RESOLVE_FAILED') errors.push({ ...entry, message: `unsupported tag: ${entry.message}` });
      else warnings.push(entry);
    }
    const duplicate = errors.length === 0 ? findDuplicateKey(doc) : undefined;
    if (duplicate !== undefined) errors.push({ file, ...at(duplicate), path: '', message: 'YAML syntax error: Map keys must be unique' });
    if (errors.length > 0) return { ok: false, errors };
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
      return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: 'the file is empty: expected a policy model' }] };
    }
    try {
      raw = doc.toJS({ maxAliasCount: POLICY_LIMITS.aliases });
    } catch (err) {
      // Alias errors (an alias before its anchor, too many aliases) surface only here; point
      // at the first alias that does not resolve, or the first alias at all.
      const reason = err instanceof Error ? err.message : String(err);
      const offset = firstBadAliasOffset(doc);
      return { ok: false, errors: [{ file, ...at(offset), path: '', message: `YAML alias error: ${firstLine(reason)}` }] };
    }
  }

  const locate: Locate = (path, key) => {
    doc ??= parseDocument(text, { ...YAML_OPTIONS, lineCounter });
    const offset = locateOffset(doc, path, key);
    return offset === undefined ? {} : at(offset);
  };

  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ file, ...locate([]), path: '', message: `expected a mapping at the root, got ${describeValue(raw)}` }] };
  }

  const migrated = migratePolicy(raw);
  if (!migrated.ok) {
    return {
      ok: false,
      errors: migrated.issues.map((i) => ({ file, ...locate(i.path), path: formatPath(i.path), message: i.message })),
    };
  }
  if (migrated.fromVersion !== migrated.value.schemaVersion) {
    warnings.push({
      file,
      ...locate(['schemaVersion']),
      path: 'schemaVersion',
      message: `upgraded from schema version ${migrated.fromVersion}: ${migrated.notes.join('; ') || 'no changes'}`,
    });
  }

  const parsed = policyModelSchema.safeParse(migrated.value, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, errors: schemaErrors(parsed.error.issues, file, locate) };
  }

  parsed.data.processors.forEach((p, i) => {
    if (knownVendorIds && p.vendorId !== null && !knownVendorIds.has(p.vendorId)) {
      const path: PathSegment[] = ['processors', i, 'vendorId'];
      warnings.push({ file, ...locate(path), path: formatPath(path), message: `vendor id "${p.vendorId}" is not in the vendor catalogue` });
    }
  });
  return { ok: true, model: parsed.data, warnings };
}

/** `connox.yaml:12:5 processors[3].cookies[0].maxLifetimeDays: expected a number, got "lang"` */
export function formatPolicyError(e: PolicyError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}:${e.column ?? 1}`;
  return e.path === '' ? `${where}: ${e.message}` : `${where} ${e.path}: ${e.message}`;
}

/** Path segments as written in messages: `processors[3].cookies[0].name`, `["odd key"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER_RE.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

type Locate = (path: PathSegment[], key?: string) => { line?: number; column?: number };

/**
 * Most errors one file reports; the rest are counted. Aliases can repeat a mapping of 20,000
 * unknown fields 50 times inside the limits: a million located errors took 3 s and help no one.
 */
export const MAX_REPORTED_ERRORS = 1_000;

function schemaErrors(issues: readonly z.core.$ZodIssue[], file: string, locate: Locate): PolicyError[] {
  const shown: PolicyError[] = [];
  let total = 0;
  for (const issue of issues) {
    const room = MAX_REPORTED_ERRORS - shown.length;
    if (issue.code === 'unrecognized_keys') {
      total += issue.keys.length;
      if (room > 0) shown.push(...issueToErrors({ ...issue, keys: issue.keys.slice(0, room) }, file, locate));
    } else {
      total += 1;
      if (room > 0) shown.push(...issueToErrors(issue, file, locate));
    }
  }
  const sorted = sortByPosition(shown);
  if (total > sorted.length) sorted.push({ file, line: 1, column: 1, path: '', message: `and ${total - sorted.length} more errors` });
  return sorted;
}

function issueToErrors(issue: z.core.$ZodIssue, file: string, locate: Locate): PolicyError[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
  const error = (p: PathSegment[], message: string, key?: string): PolicyError => ({
    file,
    ...locate(p, key),
    path: formatPath(key === undefined ? p : [...p, key]),
    message,
  });
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => error(path, `unknown field "${k}"`, k));
    case 'invalid_type': {
      if (!('input' in issue) || issue.input === undefined) {
        const field = path.at(-1);
        return [error(path, `missing required field${field === undefined ? '' : ` "${String(field)}"`}`)];
      }
      return [error(path, `expected ${describeExpected(issue.expected)}, got ${describeValue(issue.input)}`)];
    }
    case 'invalid_value': {
      const wanted = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const prefix = issue.values.length === 1 ? `expected ${wanted}` : `expected one of ${wanted}`;
      return [error(path, `${prefix}, got ${describeValue(issue.input)}`)];
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: unknown }).discriminator;
      const options = (issue as { options?: unknown }).options;
      if (typeof discriminator === 'string') {
        const input = issue.input as Record<string, unknown> | undefined;
        const got = input && typeof input === 'object' ? input[discriminator] : undefined;
        const known = Array.isArray(options) ? `; expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}` : '';
        return [
          error(path, got === undefined ? `missing required field "${discriminator}"${known}` : `unknown ${discriminator} ${describeValue(got)}${known}`),
        ];
      }
      return [error(path, issue.message)];
    }
    case 'too_small':
      if (issue.origin === 'number') return [error(path, `expected at least ${String(issue.minimum)}, got ${describeValue(issue.input)}`)];
      return [error(path, issue.message)];
    case 'invalid_format':
      return [error(path, `${issue.message}, got ${describeValue(issue.input)}`)];
    case 'custom':
      return [
        error(
          path,
          'input' in issue && issue.input !== undefined && !isObjectLike(issue.input) ? `${issue.message}, got ${describeValue(issue.input)}` : issue.message,
        ),
      ];
    default:
      return [error(path, issue.message)];
  }
}

function isObjectLike(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

/**
 * Offset of the node at `path` (or of `key` inside it); stops at the deepest node that
 * exists, so a missing field points at the mapping that lacks it.
 */
function locateOffset(doc: Document, path: PathSegment[], key?: string): number | undefined {
  let node: unknown = doc.contents;
  let best = rangeStart(node);
  const segments = key === undefined ? path : [...path, key];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as PathSegment;
    if (isAlias(node)) node = resolveOnce(node, doc);
    if (isMap(node)) {
      const pair = pairOf(node, String(seg));
      if (!pair) break;
      // The last segment of an unknown-key lookup points at the key, not its value.
      const isKeyTarget = key !== undefined && i === segments.length - 1;
      node = pair.value;
      best = (isKeyTarget ? rangeStart(pair.key) : (rangeStart(pair.value) ?? rangeStart(pair.key))) ?? best;
      if (isKeyTarget) break;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item: unknown = node.items[seg];
      if (item === undefined) break;
      node = item;
      best = rangeStart(item) ?? best;
    } else break;
  }
  return best;
}

/**
 * The first alias whose anchor is not defined before it, else the first alias at all. One walk
 * in document order with the anchors seen so far: `Alias.resolve` walks the whole document per
 * alias, which made locating 10,000 aliases take 22 s.
 */
function firstBadAliasOffset(doc: Document): number {
  const anchors = new Set<string>();
  let first: number | undefined;
  let bad: number | undefined;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const start = rangeStart(node);
        first ??= start;
        if (!anchors.has(node.source)) {
          bad = start;
          return visit.BREAK;
        }
      } else if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  return bad ?? first ?? 0;
}

/** Offset of the first key that repeats an earlier key of its mapping (yaml's notion of equal: the same scalar value). */
function findDuplicateKey(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) {
          found = rangeStart(pair.key);
          return visit.BREAK;
        }
        seen.add(pair.key.value);
      }
      return undefined;
    },
  });
  return found;
}

/** Each alias's target, resolved once: `Alias.resolve` walks the whole document, and thousands of errors may be located through the same alias. */
const resolvedAliases = new WeakMap<Alias, unknown>();

function resolveOnce(alias: Alias, doc: Document): unknown {
  if (!resolvedAliases.has(alias)) resolvedAliases.set(alias, alias.resolve(doc));
  return resolvedAliases.get(alias);
}

/** Each mapping's pairs by key, built once per mapping: a lookup per located error stays O(1). */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      // The first pair of a key wins, as `items.find` did (duplicates are a syntax error anyway).
      if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

function sortByPosition(errors: PolicyError[]): PolicyError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.line ?? 0) - (b.e.line ?? 0) || (a.e.column ?? 0) - (b.e.column ?? 0) || a.i - b.i)
    .map(({ e }) => e);
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value);
  }
  return String(value);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
