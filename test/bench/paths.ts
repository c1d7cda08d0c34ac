import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const OUT_DIR = path.join(REPO_ROOT, 'out/bench');
