/**
 * Verify a PolicyLens evidence bundle from the command line:
 *   npx tsx src/cli/verify-bundle.ts bundle.json
 * Exits 0 when the file is an unchanged bundle, 1 otherwise (with the reason).
 */
import { readFileSync } from 'node:fs';
import { verifyEvidenceBundle } from '../core/report/evidence-bundle.ts';

function main(argv: readonly string[]): number {
  const file = argv[0];
  if (!file || argv.length !== 1) {
    process.stderr.write('usage: npx tsx src/cli/verify-bundle.ts <bundle.json>\n');
    return 1;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`${file}: cannot read: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const result = verifyEvidenceBundle(text);
  if (result.ok) {
    process.stdout.write(`${file}: OK, unchanged (SHA-256 ${result.hash})\n`);
    return 0;
  }
  process.stderr.write(`${file}: NOT VERIFIED: ${result.reason}\n`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
