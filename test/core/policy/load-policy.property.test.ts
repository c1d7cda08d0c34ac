import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { nodeData } from '../../../src/data/node-data.ts';
import { loadPolicy } from '../../../src/core/policy/load-policy.ts';
import type { LoadPolicyResult } from '../../../src/core/policy/load-policy.ts';
import { connoxYaml } from './helpers.ts';
import { HOSTILE_SHAPES, hostilePolicyFile, ISSUE_SIZES } from './hostile-policy-files.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const connox = nodeData.models()[0] as unknown as Json;

function allPaths(value: Json, path: Path = []): Path[] {
  const here = [path];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => allPaths(v, [...path, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => allPaths(v, [...path, k]))];
  return here;
}
const PATHS = allPaths(connox);

type Mutation = { at: number; op: 'delete' | 'replace' | 'retype'; value: Json };

function retype(value: Json): Json {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 0;
  if (value === null) return {};
  if (Array.isArray(value)) return { ...value };
  return Object.values(value);
}

function mutate(root: Json, { at, op, value }: Mutation): Json {
  const path = PATHS[at % PATHS.length] as Path;
  if (path.length === 0) return op === 'delete' ? null : op === 'retype' ? retype(root) : value;
  const copy = structuredClone(root);
  let parent: Json = copy;
  for (const seg of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return copy;
    parent = (parent as Record<string | number, Json>)[seg] as Json;
  }
  if (parent === null || typeof parent !== 'object') return copy;
  const key = path.at(-1) as string | number;
  const container = parent as Record<string | number, Json>;
  if (!(key in container)) return copy;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete container[key];
  } else container[key] = op === 'retype' ? retype(container[key] as Json) : value;
  return copy;
}

const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('lang', '', 'cookie', 'necessary', 'google-analytics', '6(1)(a)', 'connox.nl', 'max-cookie-lifetime'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'retype'),
  value: jsonValue,
});

/** Either a model, or errors that each say where: a path string and a 1-based position. */
function expectModelOrLocatedErrors(result: LoadPolicyResult, file: string): void {
  if (result.ok) {
    expect(result.model.schemaVersion).toBe(1);
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(e.file).toBe(file);
    expect(typeof e.path).toBe('string');
    expect(typeof e.message).toBe('string');
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
  }
}

// Each run parses the full ~75 KB Connox model, so runs are few and the timeout generous.
const SLOW = { timeout: 60_000 };

describe('loadPolicy under random mutation of the Connox model', () => {
  it('YAML: never throws; gives a model or located errors with paths', SLOW, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = mutations.reduce(mutate, connox);
        const text = stringify(doc, { aliasDuplicateObjects: false });
        expectModelOrLocatedErrors(loadPolicy(text, 'm.yaml'), 'm.yaml');
      }),
      { numRuns: 40 },
    );
  });

  it('JSON: never throws; gives a model or located errors with paths', SLOW, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = mutations.reduce(mutate, connox);
        expectModelOrLocatedErrors(loadPolicy(JSON.stringify(doc, null, 2), 'm.json'), 'm.json');
      }),
      { numRuns: 40 },
    );
  });

  it('a schema error names the mutated path (or a parent of it)', SLOW, () => {
    fc.assert(
      fc.property(fc.nat(), (at) => {
        const path = PATHS[at % PATHS.length] as Path;
        const doc = mutate(connox, { at, op: 'replace', value: { unexpected: true } });
        const result = loadPolicy(JSON.stringify(doc), 'm.json');
        if (result.ok || path.length === 0) return;
        const written = path
          .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
          .join('')
          .replace(/^\./, '');
        expect(result.errors.some((e) => written.startsWith(e.path) || e.path.startsWith(written))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('loadPolicy on arbitrary text', () => {
  it('never throws on random strings, in either format', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('x.yaml', 'x.json'), (text, file) => {
        expectModelOrLocatedErrors(loadPolicy(text, file), file);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws when the Connox YAML is cut or spliced at random', SLOW, () => {
    const yaml = connoxYaml();
    fc.assert(
      fc.property(fc.nat(yaml.length), fc.nat(200), fc.string({ maxLength: 20 }), (start, length, insert) => {
        const text = yaml.slice(0, start) + insert + yaml.slice(start + length);
        expectModelOrLocatedErrors(loadPolicy(text, 'connox.yaml'), 'connox.yaml');
      }),
      { numRuns: 40 },
    );
  });
});

// Issue 24's attacks, from tiny to the sizes that stalled the worker: whatever the size, a
// result with located errors (the time each takes is measured in test/bench/policy-limits.ts).
describe('loadPolicy on hostile sizes', () => {
  it('gives located errors for every shape up to the sizes of issue 24', SLOW, () => {
    fc.assert(
      fc.property(fc.constantFrom(...HOSTILE_SHAPES), fc.double({ min: 0, max: 1, noNaN: true }), (shape, fraction) => {
        // Sizes spread evenly on a log scale between 1 and the issue's size, the long string capped (memory).
        const top = Math.min(ISSUE_SIZES[shape], 3_000_000);
        const size = Math.max(1, Math.round(top ** fraction));
        const { text, file } = hostilePolicyFile(shape, size);
        expectModelOrLocatedErrors(loadPolicy(text, file), file);
      }),
      { numRuns: 30 },
    );
  });

  it.each(HOSTILE_SHAPES)('rejects %s at the size of issue 24 before the expensive work, with a located "too large" error', SLOW, (shape) => {
    const { text, file } = hostilePolicyFile(shape, Math.min(ISSUE_SIZES[shape], 3_000_000));
    const result = loadPolicy(text, file);
    expectModelOrLocatedErrors(result, file);
    expect(!result.ok && result.errors).toEqual([expect.objectContaining({ path: '', message: expect.stringMatching(/^too large: /) })]);
  });
});
