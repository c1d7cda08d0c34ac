import { describe, expect, it } from 'vitest';
import { CONSENT_RECORD_ADAPTERS, readConsentRecord } from '../../../../src/core/consent/records/record-adapters';
import { MAX_RECORD_LENGTH } from '../../../../src/core/consent/records/record-parsing';
import { deepJson, record } from './record-fixture';

// Every record name of every adapter, fed the same hostile values: a clear reading, never a throw.
const RECORDS = CONSENT_RECORD_ADAPTERS.flatMap((adapter) => adapter.records.map((r) => ({ tool: adapter.tool, ...r })));

const HOSTILE: Record<string, string> = {
  empty: '',
  'bad percent escape': '%E0%A4%A',
  'lone surrogate escape': '%ED%A0%80',
  'deep JSON': deepJson(5_000),
  'prototype keys': '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  'JSON null': 'null',
  'JSON array': '[1,2,3]',
  'control characters': '\u0000\u0001\u001f',
  'truncated JSON': '{"consents":{"essential":["borlabs-cookie"],"marke',
};

describe('every consent record adapter on hostile values', () => {
  it.each(RECORDS)('$tool $store $name: never throws, never reads a choice from junk', ({ tool, store, name }) => {
    for (const [label, value] of Object.entries(HOSTILE)) {
      const reading = readConsentRecord(record(name, value, { store }));
      expect(reading, label).not.toBeNull();
      expect(reading?.kind, label).not.toBe('choice');
      expect(reading && reading.kind !== 'choice' ? reading.tool : null, label).toBe(tool);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(RECORDS)('$tool $name: a value over the cap is unreadable before it is parsed', ({ tool, store, name }) => {
    const huge = 'x'.repeat(MAX_RECORD_LENGTH + 1);
    expect(readConsentRecord(record(name, huge, { store }))).toEqual({ kind: 'unreadable', tool, reason: expect.stringMatching(/too long/) });
  });

  it('never copies a value into a reading (the reason is fixed text)', () => {
    const secret = 'SECRET-VALUE-1234';
    for (const { store, name } of RECORDS) {
      const reading = readConsentRecord(record(name, secret, { store }));
      expect(JSON.stringify(reading)).not.toContain(secret);
    }
  });
});
