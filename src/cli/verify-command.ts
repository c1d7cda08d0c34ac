import { readFileSync } from 'node:fs';
import type { ReportDifference } from '../core/report/report-differences';
import type { RederiveDeps } from '../core/report/rederive-report';
import { verifyEvidence, type EvidenceProblem } from '../core/report/verify-evidence';
import { EXIT, type CliIo, parseCommandArgs } from './cli-io';

export const VERIFY_USAGE = `policylens verify: check evidence bundles and the CLI's result files.

Usage:
  policylens verify [--expect-key <fingerprint>] <bundle.json|result.json...>

Checks, in order: one unambiguous JSON document (no byte-order mark, no key twice in an
object); the SHA-256 over its RFC 8785 form; the Ed25519 signature, if any; the signer's
key fingerprint (--expect-key: required, and unsigned bundles then fail); a result file's run
fields equal to the sealed ones; and the report audited again from the sealed observation log
with the sealed (or bundled) model at the recorded time, equal to the recorded report.

Options:
  --expect-key <hex>  SHA-256 fingerprint of the public key the bundle must be signed with
                      (policylens keygen prints it)
  -h, --help          this text

Exit codes: 0 every file verified, 1 some file did not, 2 usage error.`;

const MAX_DIFFERENCES_SHOWN = 20;

/** `policylens verify …`. `deps` are loaded on use (the catalogue and models take a moment). */
export async function verifyCommand(argv: readonly string[], io: CliIo, verifierVersion: string, deps?: RederiveDeps): Promise<number> {
  const parsed = parseCommandArgs(
    'policylens verify',
    argv,
    { 'expect-key': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    io,
    VERIFY_USAGE,
  );
  if (!parsed) return EXIT.usage;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(VERIFY_USAGE);
    return EXIT.ok;
  }
  const expectKey = values['expect-key']?.trim().toLowerCase();
  if (expectKey !== undefined && !/^[0-9a-f]{64}$/.test(expectKey)) {
    io.err('policylens verify: --expect-key needs the 64-digit hex SHA-256 fingerprint keygen printed');
    return EXIT.usage;
  }
  if (positionals.length === 0) {
    io.err(`policylens verify: give at least one file\n\n${VERIFY_USAGE}`);
    return EXIT.usage;
  }
  const rederive = deps ?? (await defaultDeps());
  let failed = 0;
  for (const file of positionals) {
    let text: string;
    try {
      // Decoded strictly: bytes that are not UTF-8 would be read differently by different tools.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(file));
    } catch (err) {
      io.err(`${file}: NOT VERIFIED: cannot read it as UTF-8: ${(err as Error).message}`);
      failed += 1;
      continue;
    }
    const result = verifyEvidence(text, rederive, { verifierVersion, ...(expectKey ? { expectKey } : {}) });
    if (result.ok) {
      const signer = result.signedBy ? `signed by key ${result.signedBy}` : 'NOT SIGNED (the hash alone shows no edit that was re-hashed)';
      io.out(`${file}: OK, unchanged and re-derived (SHA-256 ${result.hash}; ${signer})`);
    } else {
      failed += 1;
      io.err(`${file}: NOT VERIFIED: ${describeProblem(result.problem)}`);
      for (const d of result.differences.slice(0, MAX_DIFFERENCES_SHOWN)) io.err(`  ${describeDifference(d)}`);
      if (result.differences.length > MAX_DIFFERENCES_SHOWN) io.err(`  … and ${result.differences.length - MAX_DIFFERENCES_SHOWN} more`);
    }
  }
  return failed > 0 ? EXIT.failOn : EXIT.ok;
}

async function defaultDeps(): Promise<RederiveDeps> {
  const [{ defaultVendorIndex }, { nodeData }] = await Promise.all([import('./default-vendor-index'), import('../data/node-data')]);
  const models = nodeData.models();
  return { vendors: defaultVendorIndex(), bundledModel: (id) => models.find((m) => m.id === id) ?? null };
}

/** Developer English for the CLI; the options page words the same codes from its catalogues. */
export function describeProblem(p: EvidenceProblem): string {
  switch (p.code) {
    case 'byte_order_mark':
      return 'the file starts with a byte-order mark (tools disagree on whether it is part of the text)';
    case 'not_json':
      return `not valid JSON: ${p.detail}`;
    case 'duplicate_key':
      return `the key "${p.key}" appears twice in one object (at ${p.path || '(root)'}): readers disagree on which counts`;
    case 'lone_surrogate':
      return 'a string holds half of a UTF-16 surrogate pair, which UTF-8 cannot encode (tools replace it, each their own way)';
    case 'not_object':
      return 'not a JSON object';
    case 'wrong_format':
      return 'not a PolicyLens evidence bundle or result file';
    case 'unsupported_version':
      return `unsupported formatVersion ${p.version}`;
    case 'no_integrity':
      return 'the integrity field is missing';
    case 'unsupported_algorithm':
      return 'unsupported integrity algorithm or canonicalization';
    case 'malformed_hash':
      return 'the integrity hash is not a 64-digit lower-case hex SHA-256';
    case 'hash_mismatch':
      return `content does not match its hash: the file was changed (expected ${p.expected}, computed ${p.actual})`;
    case 'signature_malformed':
      return 'the signature record is malformed';
    case 'signature_fingerprint_mismatch':
      return "the signature's key fingerprint is not its public key's";
    case 'signature_invalid':
      return 'the signature does not match the content: the file was changed after signing';
    case 'unsigned_but_key_expected':
      return `the bundle is not signed, but --expect-key ${p.expected} was given`;
    case 'other_key':
      return `signed by key ${p.actual}, not by the expected ${p.expected}`;
    case 'report_unreadable':
      return 'the sealed report is not a PolicyLens report (no findings list or time)';
    case 'run_not_sealed':
      return "the result file's scenario and consent are not inside the seal (written before evidence format 2): re-run the audit";
    case 'unsealed_field_differs':
      return `the result file's "${p.field}" differs from the sealed run's`;
    case 'observations_unreadable':
      return `the sealed observation log cannot be read: ${p.detail}`;
    case 'model_unavailable':
      return `the report rests on the policy model "${p.id}", which the bundle does not hold and is not bundled here`;
    case 'audit_failed':
      return `the audit of the sealed observations failed: ${p.detail}`;
    case 'report_not_derived':
      return `the report does not follow from the sealed observations${p.recordedVersion !== p.verifierVersion ? ` (recorded by ${p.recordedVersion}, checked by ${p.verifierVersion}: a rule change can explain a difference)` : ''}:`;
  }
}

function describeDifference(d: ReportDifference): string {
  switch (d.kind) {
    case 'finding_not_derived':
      return `finding ${d.id} (${d.ruleId}) is in the report but does not follow from the observations`;
    case 'finding_missing':
      return `finding ${d.id} (${d.ruleId}) follows from the observations but is missing from the report`;
    case 'finding_changed':
      return `finding ${d.id} (${d.ruleId}) differs in ${d.fields.join(', ')}`;
    case 'field_changed':
      return `the report's ${d.field} differs from the re-derived one`;
  }
}
