import { describe, expect, it } from 'vitest';
import { dumpPolicy } from '../../../src/core/policy/dump-policy.ts';
import { findJsonSyntaxError } from '../../../src/core/policy/find-json-syntax-error.ts';
import { formatPath, formatPolicyError, loadPolicy } from '../../../src/core/policy/load-policy.ts';
import type { PolicyError } from '../../../src/core/policy/load-policy.ts';
import { demoYaml, mustLoad, positionOf } from './helpers.ts';
import { nodeData } from '../../../src/data/node-data.ts';

function errorsOf(text: string, fileName = 'demo.yaml', format?: 'yaml' | 'json'): PolicyError[] {
  const result = loadPolicy(text, fileName, format);
  if (result.ok) throw new Error('expected the model to be rejected');
  return result.errors;
}

describe('loadPolicy: valid input', () => {
  it('accepts a valid YAML model without warnings', () => {
    const result = loadPolicy(demoYaml(), 'demo.yaml');
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (result.ok) expect(result.model.processors[0]?.cookies[0]?.maxLifetimeDays).toBe(400);
  });

  it('accepts the same model as JSON, picked by file extension', () => {
    const model = mustLoad(demoYaml());
    const result = loadPolicy(JSON.stringify(model), 'demo.json');
    expect(result.ok && result.model).toEqual(model);
  });

  it('warns (but loads) when a vendor id is not in the shared catalogue', () => {
    const text = demoYaml().replace('vendorId: google-analytics', 'vendorId: google-analytix');
    const result = loadPolicy(text, 'demo.yaml', undefined, { knownVendorIds: nodeData.vendorIds() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Checked against the catalogue itself: a real vendor (not just a hand-kept list) passes.
    const real = loadPolicy(demoYaml().replace('vendorId: google-analytics', 'vendorId: klarna'), 'demo.yaml', undefined, {
      knownVendorIds: nodeData.vendorIds(),
    });
    expect(real.ok && real.warnings).toEqual([]);
    expect(result.warnings).toEqual([
      {
        file: 'demo.yaml',
        ...positionOf(text, 'google-analytix'),
        path: 'processors[0].vendorId',
        message: 'vendor id "google-analytix" is not in the vendor catalogue',
      },
    ]);
  });
});

describe('loadPolicy: located errors', () => {
  it('reports a wrong type at the value, with the full path', () => {
    const text = demoYaml().replace('maxLifetimeDays: 400', 'maxLifetimeDays: lang');
    const errors = errorsOf(text);
    const at = positionOf(text, 'maxLifetimeDays: lang', 'maxLifetimeDays: '.length);
    expect(errors).toEqual([{ file: 'demo.yaml', ...at, path: 'processors[0].cookies[0].maxLifetimeDays', message: 'expected a number, got "lang"' }]);
    expect(formatPolicyError(errors[0] as PolicyError)).toBe(
      `demo.yaml:${at.line}:${at.column} processors[0].cookies[0].maxLifetimeDays: expected a number, got "lang"`,
    );
  });

  it('reports a missing field at the mapping that lacks it', () => {
    const text = demoYaml().replace('        purpose: visitor id\n', '');
    expect(errorsOf(text)).toEqual([
      {
        file: 'demo.yaml',
        ...positionOf(text, '- name: _ga', 2),
        path: 'processors[0].cookies[0].purpose',
        message: 'missing required field "purpose"',
      },
    ]);
  });

  it('reports an unknown field at its key instead of dropping it', () => {
    const text = demoYaml().replace('    kind: service\n', '    kind: service\n    colour: blue\n');
    expect(errorsOf(text)).toEqual([
      { file: 'demo.yaml', ...positionOf(text, 'colour: blue'), path: 'processors[0].colour', message: 'unknown field "colour"' },
    ]);
  });

  it('reports an unknown field at the root', () => {
    const text = `${demoYaml()}extra: 1\n`;
    expect(errorsOf(text)).toEqual([{ file: 'demo.yaml', ...positionOf(text, 'extra: 1'), path: 'extra', message: 'unknown field "extra"' }]);
  });

  it('names the allowed values of an enum', () => {
    const text = demoYaml().replace('storage: cookie', 'storage: Cookie');
    const [error] = errorsOf(text);
    expect(error).toMatchObject({
      ...positionOf(text, 'storage: Cookie', 'storage: '.length),
      path: 'processors[0].cookies[0].storage',
      message: 'expected one of "cookie", "localStorage", "sessionStorage", "indexedDB", "cacheStorage", got "Cookie"',
    });
  });

  it('reports an unknown promise kind at its kind field', () => {
    const text = demoYaml().replace('kind: max-cookie-lifetime', 'kind: max-cookie-age');
    const [error] = errorsOf(text);
    expect(error?.path).toBe('promises[0].kind');
    expect(error?.message).toMatch(/^unknown kind "max-cookie-age"; expected one of "max-cookie-lifetime", /);
    expect(error).toMatchObject(positionOf(text, 'max-cookie-age'));
  });

  it('checks cross-references: categories, processors and documents must exist', () => {
    const text = demoYaml()
      .replace('category: statistics', 'category: stats')
      .replace('scope: all', 'scope: processor\n    ref: nobody')
      .replace('"We use analytics.", section: Privacy, document: policy', '"We use analytics.", section: Privacy, document: elsewhere');
    const errors = errorsOf(text);
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'processors[0].category: unknown cookie category "stats"',
      'processors[0].source.document: unknown document "elsewhere" (declare it under documents or use a URL)',
      'promises[0].ref: unknown processor "nobody"',
    ]);
    expect(errors[0]).toMatchObject(positionOf(text, 'category: stats', 'category: '.length));
    expect(errors[2]).toMatchObject(positionOf(text, 'ref: nobody', 'ref: '.length));
  });

  it('requires exactly one of name and pattern on a cookie', () => {
    const text = demoYaml().replace('- name: _ga', '- name: _ga\n        pattern: "^_ga"');
    expect(errorsOf(text).map((e) => `${e.path}: ${e.message}`)).toEqual(['processors[0].cookies[0]: give exactly one of "name" or "pattern"']);
  });

  it('rejects an invalid regular expression in a pattern', () => {
    const text = demoYaml().replace('- name: _ga', '- pattern: "(unclosed"');
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ path: 'processors[0].cookies[0].pattern', message: 'expected a valid regular expression, got "(unclosed"' });
  });

  it('locates YAML syntax errors', () => {
    const text = demoYaml().replace('title: Demo shop', 'title: [Demo shop');
    const [error] = errorsOf(text);
    expect(error?.message).toMatch(/^YAML syntax error: /);
    expect(error?.path).toBe('');
    expect(error?.line).toBeGreaterThanOrEqual(positionOf(text, 'title: [').line);
  });

  it('rejects duplicate keys', () => {
    const text = demoYaml().replace('title: Demo shop', 'title: Demo shop\ntitle: Again');
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ ...positionOf(text, 'title: Again'), message: expect.stringMatching(/^YAML syntax error: .*unique/i) });
  });

  it('rejects custom tags instead of turning them into strings', () => {
    const text = demoYaml().replace('title: Demo shop', 'title: !!js/function "function () {}"');
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ line: positionOf(text, '!!js').line, message: expect.stringMatching(/^unsupported tag/) });
  });

  it('locates JSON syntax errors by line and column', () => {
    const json = dumpPolicy(mustLoad(demoYaml()), 'json');
    const broken = json.replace('"title": "Demo shop",', '"title": "Demo shop",,');
    const errors = errorsOf(broken, 'demo.json');
    expect(errors).toEqual([
      { file: 'demo.json', ...positionOf(broken, ',,', 1), path: '', message: 'JSON syntax error: unexpected ",", expected a double-quoted property name' },
    ]);
  });

  it('holds .json files to strict JSON (no trailing commas, comments or single quotes)', () => {
    expect(errorsOf('{"a": 1,}', 'x.json')[0]).toMatchObject({ line: 1, column: 9, message: expect.stringMatching(/property name/) });
    expect(errorsOf('{\n  // c\n  "a": 1\n}', 'x.json')[0]).toMatchObject({ line: 2, column: 3 });
    expect(errorsOf("{'a': 1}", 'x.json')[0]).toMatchObject({ line: 1, column: 2 });
    expect(errorsOf('{"a": 1', 'x.json')[0]).toMatchObject({ message: 'JSON syntax error: unexpected end of input: object is not closed' });
  });

  it('rejects duplicate keys in JSON', () => {
    expect(errorsOf('{\n  "id": "a",\n  "id": "b"\n}', 'x.json')).toEqual([
      { file: 'x.json', line: 3, column: 3, path: '', message: 'JSON syntax error: duplicate key "id"' },
    ]);
    expect(findJsonSyntaxError('[{"a":1},{"a":2}]')).toBeNull();
  });

  it('locates schema errors in JSON files too', () => {
    const model = mustLoad(demoYaml());
    const json = dumpPolicy(model, 'json').replace('"maxLifetimeDays": 400', '"maxLifetimeDays": "lang"');
    const [error] = errorsOf(json, 'demo.json');
    expect(error).toEqual({
      file: 'demo.json',
      ...positionOf(json, '"maxLifetimeDays": "lang"', '"maxLifetimeDays": '.length),
      path: 'processors[0].cookies[0].maxLifetimeDays',
      message: 'expected a number, got "lang"',
    });
  });

  it.each([
    ['', 'demo.yaml'],
    ['   \n# only a comment\n', 'demo.yaml'],
    ['', 'demo.json'],
  ])('rejects empty input %j (%s)', (text, file) => {
    const [error] = errorsOf(text, file);
    expect(error).toMatchObject({ file, line: 1, path: '' });
    expect(error?.message).toMatch(/empty|end of input/);
  });

  it.each([
    ['- a\n- b\n', 'a list'],
    ['42\n', '42'],
    ['"text"\n', '"text"'],
  ])('rejects a non-mapping root %j', (text, got) => {
    expect(errorsOf(text)).toEqual([{ file: 'demo.yaml', line: 1, column: 1, path: '', message: `expected a mapping at the root, got ${got}` }]);
  });

  it('requires schemaVersion and refuses versions from the future', () => {
    const missing = demoYaml().replace('schemaVersion: 1\n', '');
    expect(errorsOf(missing)[0]).toMatchObject({ path: 'schemaVersion', line: 1, message: expect.stringMatching(/missing required field "schemaVersion"/) });
    const future = demoYaml().replace('schemaVersion: 1', 'schemaVersion: 7');
    expect(errorsOf(future)[0]).toMatchObject({ path: 'schemaVersion', line: 1, column: 16, message: expect.stringMatching(/newer/) });
  });

  it('never throws on non-string input', () => {
    expect(loadPolicy(undefined as unknown as string, 'x.yaml')).toMatchObject({ ok: false });
    expect(loadPolicy({} as unknown as string, '')).toMatchObject({ ok: false, errors: [{ file: '<input>' }] });
  });

  it('does not expand alias bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    const result = loadPolicy(bomb, 'bomb.yaml');
    expect(result.ok).toBe(false);
  });
});

describe('formatPolicyError / formatPath', () => {
  it('formats with and without position and path', () => {
    expect(
      formatPolicyError({
        file: 'connox.yaml',
        line: 12,
        column: 5,
        path: 'processors[3].cookies[0].maxLifetimeDays',
        message: 'expected a number, got "lang"',
      }),
    ).toBe('connox.yaml:12:5 processors[3].cookies[0].maxLifetimeDays: expected a number, got "lang"');
    expect(formatPolicyError({ file: 'a.json', line: 1, column: 2, path: '', message: 'JSON syntax error: x' })).toBe('a.json:1:2: JSON syntax error: x');
    expect(formatPolicyError({ file: 'a.yaml', path: 'id', message: 'm' })).toBe('a.yaml id: m');
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['processors', 3, 'cookies', 0, 'name'])).toBe('processors[3].cookies[0].name');
    expect(formatPath(['odd key', 'x'])).toBe('["odd key"].x');
  });
});

describe('dumpPolicy round trip', () => {
  it.each(['yaml', 'json'] as const)('load(dump(model, %s)) deep-equals the model', (format) => {
    const model = mustLoad(demoYaml());
    const again = loadPolicy(dumpPolicy(model, format), `demo.${format}`, format);
    expect(again.ok && again.model).toEqual(model);
  });
});

describe('findJsonSyntaxError', () => {
  it.each(['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"]}', ' 0 '])('accepts %s', (text) => {
    expect(findJsonSyntaxError(text)).toBeNull();
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it.each(['', '{', '[1,]', '{"a" 1}', '01', '"\t"', '"\\x"', '[1] 2', 'nul', '{"a":1}}'])('rejects %j like JSON.parse', (text) => {
    expect(findJsonSyntaxError(text)).not.toBeNull();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('survives absurd nesting without a stack overflow', () => {
    expect(findJsonSyntaxError('['.repeat(200_000))).toMatchObject({ message: expect.stringMatching(/not closed/) });
  });
});

describe('alias errors', () => {
  it('locates an alias used before its anchor', () => {
    const result = loadPolicy('a: *missing\nb: &missing 1\n', 'alias.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: 'alias.yaml', line: 1, column: 4 });
  });
});
