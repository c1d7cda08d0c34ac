import https from 'node:https';
import type { ServerResponse } from 'node:http';
import { generate } from 'selfsigned';
import { listenOnLoopback, type LoopbackServer } from '../fixtures/loopback-server.ts';
import { rng } from './prng.ts';

/** A shop host with a bundled policy model (connox.nl): PolicyLens audits its tabs. */
export const AUDITED_SHOP = 'https://www.connox.nl';
/** A shop host no model names: an unaudited tab. */
export const UNAUDITED_SHOP = 'https://www.winkel-zonder-model.nl';

/** What a shopper's connection looks like, as issue 23 set it. */
export interface NetworkProfile {
  /** Server think time before the document's first byte. */
  documentDelayMs: number;
  /** Server think time before every other response's first byte. */
  resourceDelayMs: number;
  /** One link shared by every response (bits per second). */
  linkBitsPerSecond: number;
}

export const SHOPPER_NETWORK: NetworkProfile = { documentDelayMs: 300, resourceDelayMs: 40, linkBitsPerSecond: 10_000_000 };

/** One sub-resource of the page: where it lives, how heavy it is, what it sets. */
interface Resource {
  url: string;
  tag: 'css' | 'script' | 'img' | 'font' | 'beacon';
  bytes: number;
  setCookie?: string[];
}

const FIRST_PARTY_STATIC = 'https://static.shop.example';
const DAY = 86_400;

/**
 * The page: a document and 35 sub-resources, ≈ 1.3 MB, the shape of a shop's product list
 * (stylesheets and scripts in the head, images and fonts, a tag manager, analytics and ad
 * pixels that set cookies). The same for both shop hosts; first-party resources are relative.
 */
function pageResources(): Resource[] {
  const resources: Resource[] = [];
  for (let i = 0; i < 5; i++) resources.push({ url: `/assets/style-${i}.css`, tag: 'css', bytes: 24_000 });
  for (let i = 0; i < 9; i++) resources.push({ url: `/assets/app-${i}.js`, tag: 'script', bytes: 45_000 });
  for (let i = 0; i < 14; i++) resources.push({ url: `${FIRST_PARTY_STATIC}/img/product-${i}.jpg`, tag: 'img', bytes: 42_000 });
  for (let i = 0; i < 2; i++) resources.push({ url: `${FIRST_PARTY_STATIC}/fonts/brand-${i}.woff2`, tag: 'font', bytes: 28_000 });
  resources.push({ url: 'https://www.googletagmanager.com/gtm.js?id=GTM-BENCH', tag: 'script', bytes: 90_000 });
  resources.push({
    url: 'https://region1.google-analytics.com/g/collect?v=2&tid=G-BENCH',
    tag: 'beacon',
    bytes: 40,
    setCookie: [`_ga_bench=GS1.1.1; Max-Age=${400 * DAY}; Path=/; Secure; SameSite=None`],
  });
  resources.push({
    url: 'https://www.facebook.com/tr?id=1&ev=PageView',
    tag: 'img',
    bytes: 44,
    setCookie: [`fr=bench; Max-Age=${90 * DAY}; Path=/; Domain=.facebook.com; Secure; HttpOnly; SameSite=None`],
  });
  resources.push({
    url: 'https://bat.bing.com/action/0?ti=1',
    tag: 'img',
    bytes: 44,
    setCookie: [`MUID=bench; Max-Age=${390 * DAY}; Path=/; Domain=.bing.com; Secure; SameSite=None`],
  });
  resources.push({ url: 'https://static.hotjar.com/c/hotjar-1.js', tag: 'script', bytes: 30_000 });
  return resources;
}

/** The document: markup with the resources in it, padded to a realistic weight. */
function documentHtml(resources: readonly Resource[]): string {
  const head = resources
    .filter((r) => r.tag === 'css' || (r.tag === 'script' && r.url.startsWith('/')))
    .map((r) => (r.tag === 'css' ? `<link rel="stylesheet" href="${r.url}">` : `<script src="${r.url}" defer></script>`))
    .join('\n');
  const fonts = resources
    .filter((r) => r.tag === 'font')
    .map((r, i) => `@font-face { font-family: brand${i}; src: url(${r.url}) format('woff2'); } .f${i} { font-family: brand${i}; }`)
    .join('\n');
  const body = resources
    .filter((r) => r.tag === 'img' || r.tag === 'beacon' || (r.tag === 'script' && !r.url.startsWith('/')))
    .map((r) =>
      r.tag === 'script'
        ? `<script src="${r.url}" async></script>`
        : r.tag === 'beacon'
          ? `<script>fetch('${r.url}', { mode: 'no-cors', credentials: 'include' });</script>`
          : `<img src="${r.url}" width="200" height="200" alt="">`,
    )
    .join('\n');
  const random = rng(23);
  // Product tiles: text that does not compress to nothing, as a real list's does not.
  const tiles = Array.from(
    { length: 240 },
    (_, i) =>
      `<li class="tile f${i % 2}"><h3>${random.id(24, 'abcdefghij klmnopqrstuvwxyz')}</h3><p>${random.id(160, 'abcdefghij klmnopqrstuvwxyz,.')}</p><span>€ ${random.int(500)},95</span></li>`,
  ).join('\n');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Shop</title>\n${head}\n<style>${fonts}</style></head>\n<body><h1 class="f0">Lampen</h1><ul>${tiles}</ul>\n${body}\n</body></html>`;
}

const CONTENT_TYPES: Record<Resource['tag'], string> = {
  css: 'text/css',
  script: 'text/javascript',
  img: 'image/jpeg',
  font: 'font/woff2',
  beacon: 'text/plain',
};

/** Filler of a given size; a script's is a comment, so it runs (cheaply) as a script. */
function filler(resource: Resource): Buffer {
  if (resource.tag === 'script') return Buffer.from(`/*${'x'.repeat(Math.max(0, resource.bytes - 20))}*/void 0;`);
  if (resource.tag === 'css') return Buffer.from(`/*${'x'.repeat(Math.max(0, resource.bytes - 24))}*/ body{margin:0}`);
  return Buffer.alloc(resource.bytes, 7);
}

/**
 * One link for every response, as a shopper's access line is: bytes leave in chunks, each
 * waiting for the tokens the link has earned since the last one (a token bucket one chunk
 * deep, so no burst goes faster than the line).
 */
class SharedLink {
  private nextFreeAt = 0;
  constructor(private readonly bytesPerMs: number) {}

  send(res: ServerResponse, body: Buffer, chunkBytes = 8_192): void {
    const chunks: Buffer[] = [];
    for (let at = 0; at < body.length; at += chunkBytes) chunks.push(body.subarray(at, at + chunkBytes));
    if (chunks.length === 0) {
      res.end();
      return;
    }
    let left = chunks.length;
    for (const chunk of chunks) {
      const start = Math.max(performance.now(), this.nextFreeAt);
      this.nextFreeAt = start + chunk.length / this.bytesPerMs;
      setTimeout(
        () => {
          left -= 1;
          if (left === 0) res.end(chunk);
          else res.write(chunk);
        },
        Math.max(0, this.nextFreeAt - performance.now()),
      );
    }
  }
}

export interface RealisticShop extends LoopbackServer {
  /** Requests and bytes one page load takes (the document included). */
  requestsPerLoad: number;
  bytesPerLoad: number;
}

/** The realistic shop over HTTPS on loopback, every host mapped to it by the browser. */
export async function startRealisticShop(profile: NetworkProfile = SHOPPER_NETWORK): Promise<RealisticShop> {
  const resources = pageResources();
  const html = Buffer.from(documentHtml(resources));
  const shopHosts = new Set([new URL(AUDITED_SHOP).host, new URL(UNAUDITED_SHOP).host]);
  // Keyed by host and path; the shop's own resources by path alone (both shop hosts serve them).
  const keyOf = (host: string, path: string) => `${shopHosts.has(host) ? '' : host}${path}`;
  const byKey = new Map<string, { resource: Resource; body: Buffer }>();
  for (const resource of resources) {
    const url = new URL(resource.url, AUDITED_SHOP);
    byKey.set(keyOf(url.host, url.pathname), { resource, body: filler(resource) });
  }
  const link = new SharedLink(profile.linkBitsPerSecond / 8 / 1000);
  const pems = await generate([{ name: 'commonName', value: 'PolicyLens realistic bench shop' }], { keySize: 2048, algorithm: 'sha256' });
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = new URL(req.url ?? '/', `https://${host}`).pathname;
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : '*';
    const common = { 'cache-control': 'no-store', 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
    if (shopHosts.has(host) && path === '/') {
      setTimeout(() => {
        res.writeHead(200, {
          ...common,
          'content-type': 'text/html; charset=utf-8',
          'set-cookie': [
            `session=bench; Path=/; Secure; HttpOnly; SameSite=Lax`,
            `cart=0; Max-Age=${30 * DAY}; Path=/; Secure; SameSite=Lax`,
            `ab_test=b; Max-Age=${7 * DAY}; Path=/; Secure; SameSite=Lax`,
          ],
        });
        link.send(res, html);
      }, profile.documentDelayMs);
      return;
    }
    const entry = byKey.get(keyOf(host, path));
    setTimeout(() => {
      if (!entry) {
        res.writeHead(404, common);
        res.end();
        return;
      }
      res.writeHead(200, {
        ...common,
        'content-type': CONTENT_TYPES[entry.resource.tag],
        ...(entry.resource.setCookie ? { 'set-cookie': entry.resource.setCookie } : {}),
      });
      link.send(res, entry.body);
    }, profile.resourceDelayMs);
  });
  const loopback = await listenOnLoopback(server);
  return {
    ...loopback,
    requestsPerLoad: 1 + resources.length,
    bytesPerLoad: html.length + [...byKey.values()].reduce((sum, e) => sum + e.body.length, 0),
  };
}
