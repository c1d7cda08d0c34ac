import { describe, expect, it } from 'vitest';
import { nodeData } from '../../../src/data/node-data.ts';
import { PolicyRegistry } from '../../../src/core/policy/registry.ts';
import { policyModelSchema } from '../../../src/core/policy/schema.ts';
import { demoYaml, mustLoad } from './helpers.ts';

const demo = mustLoad(demoYaml('demo', ['demo.example']));
const shopEu = mustLoad(demoYaml('shop-eu', ['shop.example']));
const shopDe = mustLoad(demoYaml('shop-de', ['de.shop.example']));

function registry(): PolicyRegistry {
  return PolicyRegistry.create([demo, shopEu, shopDe]);
}

function imported(r: PolicyRegistry, text: string, file = 'user.yaml'): PolicyRegistry {
  const result = r.importModel(text, file);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.registry;
}

describe('PolicyRegistry.findModelForHost', () => {
  it('matches the exact domain and its subdomains', () => {
    const r = registry();
    expect(r.findModelForHost('demo.example')).toMatchObject({ model: { id: 'demo' }, origin: 'bundled', matchedDomain: 'demo.example', via: 'domain' });
    expect(r.findModelForHost('WWW.Demo.Example.')).toMatchObject({ model: { id: 'demo' }, matchedDomain: 'demo.example' });
    expect(r.findModelForHost('a.b.demo.example')?.model.id).toBe('demo');
    expect(r.findModelForHost('demo.example.evil.com')).toBeNull();
    expect(r.findModelForHost('notdemo.example')).toBeNull();
    expect(r.findModelForHost('')).toBeNull();
  });

  it('prefers the most specific domain', () => {
    const r = registry();
    expect(r.findModelForHost('www.shop.example')?.model.id).toBe('shop-eu');
    expect(r.findModelForHost('de.shop.example')?.model.id).toBe('shop-de');
    expect(r.findModelForHost('www.de.shop.example')).toMatchObject({ model: { id: 'shop-de' }, matchedDomain: 'de.shop.example' });
  });

  it('lets a user model beat a bundled one for the same domain', () => {
    const r = imported(registry(), demoYaml('my-demo', ['demo.example']));
    expect(r.findModelForHost('www.demo.example')).toMatchObject({ model: { id: 'my-demo' }, origin: 'user' });
    // …but not a bundled model on a more specific domain.
    const r2 = imported(registry(), demoYaml('my-shop', ['shop.example']));
    expect(r2.findModelForHost('de.shop.example')?.model.id).toBe('shop-de');
  });

  it('applies explicit assignments over declared domains at the same level', () => {
    const assigned = registry().assignDomain('shop.example', 'demo');
    expect(assigned.ok).toBe(true);
    if (!assigned.ok) return;
    expect(assigned.registry.findModelForHost('www.shop.example')).toMatchObject({ model: { id: 'demo' }, via: 'assignment', matchedDomain: 'shop.example' });
    expect(assigned.registry.findModelForHost('de.shop.example')?.model.id).toBe('shop-de');
    expect(assigned.registry.unassignDomain('shop.example').findModelForHost('www.shop.example')?.model.id).toBe('shop-eu');
  });

  it('refuses assignments to unknown models or non-domains', () => {
    expect(registry().assignDomain('x.example', 'nope')).toMatchObject({ ok: false });
    expect(registry().assignDomain('not a domain', 'demo')).toMatchObject({ ok: false });
  });

  it('finds the bundled Connox model for every Connox shop host', () => {
    const r = PolicyRegistry.create(nodeData.models());
    for (const host of ['www.connox.nl', 'connox.de', 'www.connox.co.uk', 'shop.connox.ch']) {
      expect(r.findModelForHost(host)?.model.id, host).toBe('connox');
    }
    expect(r.findModelForHost('www.connox.nl')?.matchedDomain).toBe('connox.nl');
    expect(r.findModelForHost('connox.nl.example.com')).toBeNull();
  });
});

describe('PolicyRegistry import/export', () => {
  it('keeps other models when importing, and replaces a user model with the same id', () => {
    let r = imported(registry(), demoYaml('a', ['a.example']));
    r = imported(r, demoYaml('b', ['b.example']));
    const replaced = r.importModel(demoYaml('a', ['a2.example']), 'a.yaml');
    expect(replaced).toMatchObject({ ok: true, replaced: true });
    if (!replaced.ok) return;
    r = replaced.registry;
    expect(r.listModels().map((m) => `${m.origin}:${m.model.id}`)).toEqual(['user:b', 'user:a', 'bundled:demo', 'bundled:shop-eu', 'bundled:shop-de']);
    expect(r.findModelForHost('a.example')).toBeNull();
    expect(r.findModelForHost('a2.example')?.model.id).toBe('a');
  });

  it('a failed import returns located errors and leaves the registry unchanged', () => {
    const before = imported(registry(), demoYaml('a', ['a.example']));
    const snapshot = JSON.stringify(before.toJSON());
    const result = before.importModel(demoYaml('b').replace('storage: cookie', 'storage: jar'), 'b.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ file: 'b.yaml', path: 'processors[0].cookies[0].storage', line: expect.any(Number) });
    expect(JSON.stringify(before.toJSON())).toBe(snapshot);
    expect(before.getModel('b')).toBeUndefined();
  });

  it('exports a user model as imported (comments kept) and re-imports it to an equal model', () => {
    const text = `# my notes\n${demoYaml('mine', ['mine.example'])}`;
    const r = imported(registry(), text, 'mine.yaml');
    expect(r.exportModel('mine')).toBe(text);
    const json = r.exportModel('mine', 'json') as string;
    const back = registry().importModel(json, 'mine.json');
    expect(back.ok && back.model).toEqual(r.getModel('mine')?.model);
    expect(r.exportModel('demo')).toContain('id: demo');
    expect(r.exportModel('missing')).toBeNull();
  });

  it('a user model with a bundled id shadows it', () => {
    const r = imported(registry(), demoYaml('demo', ['other.example']));
    expect(r.getModel('demo')?.origin).toBe('user');
    expect(r.listModels().find((m) => m.origin === 'bundled' && m.model.id === 'demo')?.shadowed).toBe(true);
    expect(r.removeUserModel('demo').getModel('demo')?.origin).toBe('bundled');
  });
});

describe('PolicyRegistry persistence state', () => {
  it('round-trips through toJSON/fromJSON (and JSON text) without loss', () => {
    let r = imported(registry(), demoYaml('a', ['a.example']));
    r = imported(r, JSON.stringify(mustLoad(demoYaml('b', ['b.example']))), 'b.json');
    const assigned = r.assignDomain('c.example', 'b');
    if (!assigned.ok) throw new Error(assigned.message);
    const state = JSON.parse(JSON.stringify(assigned.registry.toJSON()));
    const restored = PolicyRegistry.fromJSON([demo, shopEu, shopDe], state);
    expect(restored).toMatchObject({ ok: true, warnings: [] });
    if (!restored.ok) return;
    expect(restored.registry.toJSON()).toEqual(state);
    expect(restored.registry.findModelForHost('www.c.example')?.model.id).toBe('b');
    expect(restored.registry.getModel('a')?.model).toEqual(r.getModel('a')?.model);
  });

  it('restores a stored model from the model kept with its text, without loading the text again', () => {
    const state = JSON.parse(JSON.stringify(imported(registry(), demoYaml('a', ['a.example'])).toJSON()));
    expect(state.userModels[0].model.id).toBe('a');
    // Text that would not load: the restore took the kept model (schema-validated) instead.
    state.userModels[0].text = 'id: [not yaml';
    const restored = PolicyRegistry.fromJSON([demo], state);
    expect(restored).toMatchObject({ ok: true, warnings: [] });
    if (restored.ok) expect(restored.registry.getModel('a')?.model).toEqual(mustLoad(demoYaml('a', ['a.example'])));
  });

  it('loads the text when the kept model no longer validates (an older schema version), or there is none', () => {
    const state = JSON.parse(JSON.stringify(imported(registry(), demoYaml('a', ['a.example'])).toJSON()));
    state.userModels[0].model.schemaVersion = 0;
    state.userModels[0].model.id = 'stale';
    const restored = PolicyRegistry.fromJSON([demo], state);
    expect(restored.ok && restored.registry.getModel('a')?.model).toEqual(mustLoad(demoYaml('a', ['a.example'])));
    expect(restored.ok && (restored.registry.getModel('stale') ?? null)).toBeNull();
    delete state.userModels[0].model;
    const fromText = PolicyRegistry.fromJSON([demo], state);
    expect(fromText.ok && fromText.registry.getModel('a')?.model.id).toBe('a');
  });

  it("the loader's model of every bundled file validates again unchanged after JSON (what the kept model goes through)", () => {
    for (const model of nodeData.models()) expect(policyModelSchema.parse(JSON.parse(JSON.stringify(model))), model.id).toEqual(model);
  });

  it('rejects a malformed state as a whole', () => {
    expect(PolicyRegistry.fromJSON([demo], null)).toMatchObject({ ok: false });
    expect(PolicyRegistry.fromJSON([demo], { version: 2, userModels: [], assignments: {} })).toMatchObject({ ok: false });
    expect(PolicyRegistry.fromJSON([demo], { version: 1, userModels: 'x', assignments: {} })).toMatchObject({ ok: false });
  });

  it('keeps stored models that no longer validate aside instead of dropping them', () => {
    const bad = { fileName: 'bad.yaml', format: 'yaml', text: 'schemaVersion: 1\nid: [oops\n' };
    const good = { fileName: 'a.yaml', format: 'yaml', text: demoYaml('a', ['a.example']) };
    const restored = PolicyRegistry.fromJSON([demo], { version: 1, userModels: [bad, good, 42], assignments: {} });
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.warnings.length).toBeGreaterThanOrEqual(2);
    expect(restored.registry.getModel('a')?.origin).toBe('user');
    expect(restored.registry.toJSON().rejected).toEqual([bad, 42]);
    // Importing later never loses the quarantined entries either.
    expect(imported(restored.registry, demoYaml('z', ['z.example'])).toJSON().rejected).toEqual([bad, 42]);
  });

  it('refuses duplicate bundled ids (a build bug)', () => {
    expect(() => PolicyRegistry.create([demo, demo])).toThrow(/duplicate/);
  });
});
