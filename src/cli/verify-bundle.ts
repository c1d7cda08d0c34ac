/**
 * Verify PolicyLens evidence bundles without the rest of the CLI (same as `policylens verify`):
 *   npx tsx src/cli/verify-bundle.ts [--expect-key <fingerprint>] bundle.json
 * Exits 0 when every file verified, 1 otherwise (with the reason), 2 on a usage error.
 */
import { CONSOLE_IO } from './cli-io';
import { REPO_ROOT } from './ensure-build';
import { extensionVersionOf } from './run-audits';
import { verifyCommand } from './verify-command';

process.exitCode = await verifyCommand(process.argv.slice(2), CONSOLE_IO, extensionVersionOf(REPO_ROOT));
