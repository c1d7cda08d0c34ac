import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Ends, by process id, the browser processes started with this profile folder: the way out
 * when a hung page keeps Chromium from closing. Each profile folder is unique to one
 * launch, so nothing else matches. Linux only (reads /proc); elsewhere it does nothing.
 */
export function killBrowserOf(profileDir: string): number {
  if (!existsSync('/proc')) return 0;
  let killed = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.split('\0').some((arg) => arg.endsWith(`=${profileDir}`) || arg === profileDir)) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      killed += 1;
    } catch {
      // already gone
    }
  }
  return killed;
}
