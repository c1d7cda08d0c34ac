import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { keyFingerprint, signingKeyFromSeed, type SigningKey } from '../core/report/evidence-signature';
import { parseSigningKeyFile, publicKeyFileText, signingKeyFileText } from '../core/report/signing-key-file';
import { EXIT, type CliIo, parseCommandArgs } from './cli-io';

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
  // Created 0600 and chmod-ed again: `mode` applies only when the file is new.
  writeFileSync(keyFile, signingKeyFileText(key), { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(pubFile, publicKeyFileText(key), { mode: 0o644 });
  io.out(`secret key: ${keyFile} (mode 0600)\npublic key: ${pubFile}\nfingerprint (SHA-256): ${fingerprint}`);
  return EXIT.ok;
}

const KEY_FILE_PROBLEMS = {
  not_json: 'not JSON',
  not_a_key: 'not a PolicyLens signing key (make one with policylens keygen)',
  key_mismatch: "its public key is not its secret key's",
} as const;

/** Reads a key file written by keygen. */
export function readSigningKey(file: string): { ok: true; key: SigningKey } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, message: `${file}: cannot read the signing key: ${(err as Error).message}` };
  }
  const parsed = parseSigningKeyFile(text);
  return parsed.ok ? parsed : { ok: false, message: `${file}: ${KEY_FILE_PROBLEMS[parsed.problem]}` };
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
