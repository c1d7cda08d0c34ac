import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEvidenceBundle } from '../../src/core/report/evidence-bundle';
import { keygenCommand, readSigningKey } from '../../src/cli/signing-key-file';
import { verifyCommand } from '../../src/cli/verify-command';
import type { RederiveDeps } from '../../src/core/report/rederive-report';
import { connox, run, T0, vendors, visit } from '../core/audit/build-visit';

const DEPS: RederiveDeps = { vendors: vendors(), bundledModel: (id) => (id === 'connox' ? connox() : null) };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('policylens keygen and verify', () => {
  it('makes a 0600 key, signs with it, and verify checks hash, signature, fingerprint and re-derivation', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pl-sign-'));
    const stem = path.join(dir, 'dpo');
    const gen = capture();
    expect(keygenCommand(['--out', stem], gen.io)).toBe(0);
    expect(statSync(`${stem}.key`).mode & 0o777).toBe(0o600);
    const fingerprint = /fingerprint \(SHA-256\): ([0-9a-f]{64})/.exec(gen.out.join('\n'))?.[1];
    expect(fingerprint).toBe((JSON.parse(readFileSync(`${stem}.pub`, 'utf8')) as { fingerprint: string }).fingerprint);
    expect(keygenCommand(['--out', stem], capture().io)).toBe(2);

    const key = readSigningKey(`${stem}.key`);
    if (!key.ok) throw new Error(key.message);
    const v = visit().request('https://static.hotjar.com/c/hotjar-1.js', { at: 100, type: 'script' });
    const { json } = buildEvidenceBundle({
      report: run(v, { now: T0 + 60_000 }),
      observations: v.state,
      extensionVersion: '0.1.0',
      browserVersion: 'x',
      createdAt: T0 + 61_000,
      signingKey: key.key,
    });
    const file = path.join(dir, 'bundle.json');
    writeFileSync(file, json);
    const ok = capture();
    expect(await verifyCommand(['--expect-key', fingerprint!, file], ok.io, '0.1.0', DEPS)).toBe(0);
    expect(ok.out.join('\n')).toContain(`signed by key ${fingerprint}`);

    const forged = path.join(dir, 'forged.json');
    writeFileSync(forged, json.replace(/"severity": "\w+"/, '"severity": "info"'));
    const bad = capture();
    expect(await verifyCommand([forged], bad.io, '0.1.0', DEPS)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/NOT VERIFIED: content does not match its hash/);

    const latin1 = path.join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.concat([Buffer.from(json.slice(0, -2)), Buffer.from([0xe9]), Buffer.from('\n')]));
    const enc = capture();
    expect(await verifyCommand([latin1], enc.io, '0.1.0', DEPS)).toBe(1);
    expect(enc.err.join('\n')).toMatch(/cannot read it as UTF-8/);
    expect(await verifyCommand(['--expect-key', 'abc', file], capture().io, '0.1.0', DEPS)).toBe(2);
  });
});
