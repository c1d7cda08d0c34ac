import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const INSTALL_HINT = 'No Chromium or Chrome found. Install one (Debian/Ubuntu: `apt-get install -y chromium`) or set CHROME_PATH to its executable.';

/** The browser to drive: an explicit path, then CHROME_PATH, then the usual system locations. */
export function findBrowser(explicit?: string): { ok: true; path: string } | { ok: false; message: string } {
  for (const candidate of [explicit, process.env.CHROME_PATH, ...CANDIDATES]) {
    if (candidate && existsSync(candidate)) return { ok: true, path: candidate };
  }
  if (explicit) return { ok: false, message: `Browser not found at ${explicit}. ${INSTALL_HINT}` };
  return { ok: false, message: INSTALL_HINT };
}
