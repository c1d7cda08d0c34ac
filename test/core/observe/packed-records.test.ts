import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packRecords, unpackRecords } from '../../../src/core/observe/packed-records';

// Records as JSON keeps them: no undefined values, numbers finite.
const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('https://www.connox.nl/', 'first', 'third', ''),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({}),
);
const fieldName = fc.constantFrom('url', 'host', 'status', 'via', 'frame', 'a.b', '__proto__', 'constructor', '$id', '');
const nested = fc.dictionary(fieldName, value, { maxKeys: 4 });
const record = fc.dictionary(fieldName, fc.oneof(value, nested), { maxKeys: 7 });

describe('packRecords / unpackRecords', () => {
  it('round-trips any list of JSON records through JSON, absent, null and nested fields kept apart', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), (records) => {
        const stored = JSON.parse(JSON.stringify(packRecords(records)));
        expect(unpackRecords(stored)).toEqual(JSON.parse(JSON.stringify(records)));
      }),
      { numRuns: 400 },
    );
  });

  it('tells a field that is absent from one that is null, in string and in other columns', () => {
    const records = [{ a: 'x', n: 1 }, { a: null, n: null }, {}];
    const back = unpackRecords(JSON.parse(JSON.stringify(packRecords(records))));
    expect(back).toEqual(records);
    expect(back.map((r) => Object.keys(r))).toEqual([['a', 'n'], ['a', 'n'], []]);
  });

  it('keeps a field named __proto__ a field', () => {
    const back = unpackRecords(JSON.parse(JSON.stringify(packRecords([JSON.parse('{"__proto__":{"polluted":1}}')]))));
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
    expect(Object.keys(back[0] ?? {})).toEqual(['__proto__']);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  it('writes each field name and each repeated string once', () => {
    const records = Array.from({ length: 100 }, (_, i) => ({
      host: 'www.googletagmanager.com',
      type: 'script',
      frame: { frameId: 0, url: 'https://www.connox.nl/' },
      i,
    }));
    const packed = packRecords(records);
    expect(packed.f).toEqual([['host'], ['type'], ['frame', 'frameId'], ['frame', 'url'], ['i']]);
    expect(packed.s).toEqual(['www.googletagmanager.com', 'script', 'https://www.connox.nl/']);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(records).length / 4);
  });

  it('refuses a row that names a string not in the table', () => {
    const packed = packRecords([{ a: 'x' }]);
    expect(() => unpackRecords({ ...packed, r: [[5]] })).toThrow(/not in the table/);
  });
});
