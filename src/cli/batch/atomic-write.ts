import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file whole or not at all: the bytes go to a temporary file in the same folder,
 * then a rename puts them in place (atomic on POSIX file systems). A batch killed mid-write
 * leaves a stray `.tmp-*` file, never a truncated result that `--resume` would trust.
 */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = path.join(path.dirname(file), `.tmp-${process.pid}-${path.basename(file)}`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
