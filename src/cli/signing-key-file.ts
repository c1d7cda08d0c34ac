import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { keyFingerprint, signingKeyFromSecret, signingKeyFromSeed, type SigningKey } from '../core/report/evidence-signature';
import { EXIT, type CliIo, parseCommandArgs } from './cli-io';

const KEY_FORMAT = 'policylens-signing-key';
const PUBLIC_FORMAT = 'policylens-public-key';
const HEX64_RE = /^[0-9a-f]{64}$/;
/** The signing key for every bundle when `--sign-key` is not given. */
export const SIGN_KEY_ENV = 'POLICYLENS_SIGN_KEY';

export const KEYGEN_USAGE = `policylens keygen: make an Ed25519 key pair for signing evidence bundles.

Usage:
  policylens keygen [--out <stem>] [--force]

Writes <stem>.key (the secret key, mode 0600: keep it private) and <stem>.pub (the public
key), and prints the public key's SHA-256 fingerprint: give it to whoever checks your
bundles (policylens verify --expect-key <fingerprint>). Default stem: policylens-signing.

Options:
  --out <stem>   file name stem (default: policylens-signing)
  --force        overwrite existing files
  -h, --help     this text`;

/** `policylens keygen`: exit 0, or 2 on a usage error or when a file exists (without --force). */
export function keygenCommand(argv: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs(
    'policylens keygen',
    argv,
    {
      out: { type: 'string', default: 'policylens-signing' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    io,
    KEYGEN_USAGE,
  );
  if (!parsed) return EXIT.usage;
  if (parsed.values.help) {
    io.out(KEYGEN_USAGE);
    return EXIT.ok;
  }
  const keyFile = `${parsed.values.out}.key`;
  const pubFile = `${parsed.values.out}.pub`;
  for (const f of [keyFile, pubFile]) {
    if (existsSync(f) && !parsed.values.force) {
      io.err(`policylens keygen: ${f} exists (use --force to replace it)`);
      return EXIT.usage;
    }
  }
  // The seed from the OS's CSPRNG: the core has no random source of its own.
  const key = signingKeyFromSeed(new Uint8Array(randomBytes(32)));
  const fingerprint = keyFingerprint(key.publicKey);
  const publicKey = bytesToHex(key.publicKey);
  // Created 0600 and chmod-ed again: `mode` applies only when the file is new.
  writeFileSync(
    keyFile,
    `${JSON.stringify({ format: KEY_FORMAT, algorithm: 'Ed25519', secretKey: bytesToHex(key.secretKey), publicKey, fingerprint }, null, 2)}\n`,
    {
      mode: 0o600,
    },
  );
  chmodSync(keyFile, 0o600);
  writeFileSync(pubFile, `${JSON.stringify({ format: PUBLIC_FORMAT, algorithm: 'Ed25519', publicKey, fingerprint }, null, 2)}\n`, { mode: 0o644 });
  io.out(`secret key: ${keyFile} (mode 0600)\npublic key: ${pubFile}\nfingerprint (SHA-256): ${fingerprint}`);
  return EXIT.ok;
}

/** Reads a key file written by keygen; the public key it names must be its secret key's. */
export function readSigningKey(file: string): { ok: true; key: SigningKey } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { ok: false, message: `${file}: cannot read the signing key: ${(err as Error).message}` };
  }
  const k = json as Record<string, unknown> | null;
  if (!k || k.format !== KEY_FORMAT || k.algorithm !== 'Ed25519' || typeof k.secretKey !== 'string' || !HEX64_RE.test(k.secretKey)) {
    return { ok: false, message: `${file}: not a PolicyLens signing key (make one with policylens keygen)` };
  }
  const key = signingKeyFromSecret(hexToBytes(k.secretKey));
  if (k.publicKey !== bytesToHex(key.publicKey)) return { ok: false, message: `${file}: its public key is not its secret key's` };
  return { ok: true, key };
}

/** `--sign-key <file>`, else the file POLICYLENS_SIGN_KEY names, else no signing. */
export function signingKeyOption(flag: string | undefined, env: NodeJS.ProcessEnv, problems: string[]): SigningKey | undefined {
  const file = flag ?? (env[SIGN_KEY_ENV] || undefined);
  if (file === undefined) return undefined;
  const read = readSigningKey(file);
  if (read.ok) return read.key;
  problems.push(read.message);
  return undefined;
}
