import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/core/policy/load-policy.ts';
import { migratePolicy } from '../../../src/core/policy/migrate.ts';
import { demoYaml, mustLoad, positionOf } from './helpers.ts';

/** The demo model as the v0 draft format wrote it. */
function demoV0(): string {
  return demoYaml()
    .replace('schemaVersion: 1', 'schemaVersion: 0')
    .replace('vendorId: google-analytics', 'vendor: google-analytics')
    .replace('maxLifetimeDays: 400', 'lifetimeDays: 400')
    .replace('firstPartyCookies: []\n', '')
    .replace('promises:', 'limits:');
}

describe('migratePolicy', () => {
  it('upgrades a v0 document to the current model', () => {
    const result = loadPolicy(demoV0(), 'demo-v0.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model).toEqual(mustLoad(demoYaml()));
    expect(result.warnings).toEqual([
      {
        file: 'demo-v0.yaml',
        ...positionOf(demoV0(), 'schemaVersion: 0', 'schemaVersion: '.length),
        path: 'schemaVersion',
        message: 'upgraded from schema version 0: renamed "limits" to "promises"',
      },
    ]);
  });

  it('leaves a current document as it is', () => {
    const raw = { schemaVersion: 1, id: 'x' };
    expect(migratePolicy(raw)).toEqual({ ok: true, value: raw, fromVersion: 1, notes: [] });
  });

  it('does not mutate its input', () => {
    const raw = { schemaVersion: 0, limits: [], processors: [{ vendor: 'x', cookies: [{ lifetimeDays: 1 }] }] };
    const copy = structuredClone(raw);
    const result = migratePolicy(raw);
    expect(raw).toEqual(copy);
    expect(result).toMatchObject({
      ok: true,
      value: { schemaVersion: 1, promises: [], firstPartyCookies: [], processors: [{ vendorId: 'x', cookies: [{ maxLifetimeDays: 1 }] }] },
    });
  });

  it('tolerates malformed v0 input and leaves it for the schema to report', () => {
    const result = migratePolicy({ schemaVersion: 0, processors: [42, { vendor: 'y', cookies: 'none' }] });
    expect(result).toMatchObject({ ok: true, value: { processors: [42, { vendorId: 'y', cookies: 'none' }] } });
    const loaded = loadPolicy('schemaVersion: 0\nprocessors: [42]\n', 'bad.yaml');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.errors.some((e) => e.path === 'processors[0]' && e.line === 2)).toBe(true);
  });

  it.each([
    [{}, /missing required field "schemaVersion"/],
    [{ schemaVersion: 'one' }, /expected a whole version number, got "one"/],
    [{ schemaVersion: 1.5 }, /expected a whole version number/],
    [{ schemaVersion: 99 }, /newer than this PolicyLens understands/],
    [[], /expected a mapping/],
  ])('rejects %j', (raw, message) => {
    const result = migratePolicy(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(message);
  });
});
