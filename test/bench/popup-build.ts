import { createReadStream, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { OUT_DIR, REPO_ROOT } from './paths.ts';

const POPUP_OUT = path.join(OUT_DIR, 'popup');

/** Production build of the bench popup page (same Svelte plugin and preprocessing as the extension). */
export async function buildPopupPage(): Promise<void> {
  await build({
    configFile: false,
    root: path.join(REPO_ROOT, 'test/bench/popup'),
    base: './',
    publicDir: false,
    logLevel: 'warn',
    plugins: [svelte({ configFile: path.join(REPO_ROOT, 'svelte.config.js') })],
    build: { outDir: POPUP_OUT, emptyOutDir: true, target: 'chrome120' },
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves the built page on loopback (localhost is excluded from the storefront's host mapping). */
export async function servePopupPage(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(POPUP_OUT, rel);
    if (!file.startsWith(POPUP_OUT) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/index.html`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
