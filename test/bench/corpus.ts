import type { Vendor } from '../../src/core/vendors/schema.ts';
import { rng, type Rng } from './prng.ts';

export const PAGE_URL = 'https://www.connox.nl/';
export const PAGE_SITE = 'connox.nl';

export interface CorpusRequest {
  url: string;
  /** webRequest / adblocker resource type. */
  type: 'script' | 'image' | 'xhr' | 'stylesheet' | 'font' | 'sub_frame' | 'ping';
  kind: 'first-party' | 'catalogue' | 'unknown';
}

const SUBDOMAINS = ['www', 'cdn', 'static', 'api', 'js', 't', 'px', 'collect', 'eu', 'region1', 'assets', 'img', 'tracking', 'sdk'];
const TLDS = ['com', 'com', 'com', 'net', 'io', 'de', 'nl', 'eu', 'fr', 'co.uk', 'com.au', 'co.jp', 'com.br', 'app'];
const WORDS = ['cart', 'pixel', 'metrics', 'cloud', 'media', 'shop', 'ads', 'data', 'tag', 'insight', 'stream', 'point', 'edge', 'hub', 'sync', 'beacon'];
const TYPES: readonly CorpusRequest['type'][] = ['script', 'image', 'image', 'xhr', 'xhr', 'stylesheet', 'font', 'sub_frame', 'ping'];

function query(r: Rng): string {
  const templates = [
    () =>
      `?v=2&tid=G-${r.id(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}&cid=${r.int(1e9)}.${r.int(1e9)}&en=page_view&dl=https%3A%2F%2Fwww.connox.nl%2Fnl%2F${r.id(8)}`,
    () => `?id=${r.id(12)}&ev=PageView&dl=https%3A%2F%2Fwww.connox.nl%2F&rl=&if=false&ts=${1741944600000 + r.int(1e7)}`,
    () => `?random=${r.int(1e9)}&cv=11&fst=${1741944600000 + r.int(1e7)}&num=1&guid=ON&gcs=G1${r.pick(['00', '01', '10', '11'])}`,
    () => `?callback=jsonp_${r.id(6)}&t=${r.int(1e6)}`,
    () => `?w=${r.pick([320, 640, 1280])}&q=${r.int(100)}`,
    () => '',
  ];
  return r.pick(templates)();
}

function vendorPath(r: Rng): string {
  return r.pick([
    '/g/collect',
    '/collect',
    '/gtag/js',
    '/tr/',
    '/en_US/fbevents.js',
    '/pixel.gif',
    `/v1/events/${r.id(8)}`,
    `/sdk/${r.int(9)}.${r.int(20)}.${r.int(50)}/loader.js`,
    `/s/${r.id(16)}.js`,
    '/pagead/conversion/123456789/',
    `/widgets/${r.id(6)}/bootstrap.min.css`,
    '/i.gif',
  ]);
}

function shopUrl(r: Rng): string {
  const host = r.chance(0.8) ? 'www.connox.nl' : r.pick(['static.connox.nl', 'media.connox.nl', 'cdn.connox.nl', 'connox.nl']);
  const path = r.pick([
    `/nl/${r.pick(['verlichting', 'meubels', 'keuken', 'woonaccessoires', 'tuin'])}/${r.id(10)}.html`,
    `/images/products/${r.int(99999)}/${r.id(8)}_${r.pick([300, 600, 1200])}.webp`,
    `/static/js/${r.pick(['app', 'vendor', 'checkout'])}.${r.id(8, '0123456789abcdef')}.js`,
    `/api/cart?session=${r.id(20)}&ts=${r.int(1e9)}`,
    `/fonts/${r.pick(['Inter', 'Lora'])}-${r.pick(['Regular', 'Bold'])}.woff2`,
    `/search?q=${r.id(6)}&page=${r.int(5)}`,
  ]);
  return `https://${host}${path}`;
}

function unknownHost(r: Rng): string {
  const label = `${r.pick(WORDS)}${r.pick(WORDS)}${r.int(100)}`;
  const base = `${label}.${r.pick(TLDS)}`;
  return r.chance(0.6) ? `${r.pick(SUBDOMAINS)}.${base}` : base;
}

/**
 * A reproducible request corpus: 35 % first-party shop URLs, 50 % hosts from the vendor
 * catalogue (registrable domains get a typical subdomain), 15 % third-party hosts no list
 * knows. Paths and query strings look like real tags (GA4 collect, pixels, SDK loaders).
 */
export function buildCorpus(vendors: readonly Vendor[], size: number, seed = 0x5eed1e55): CorpusRequest[] {
  const r = rng(seed);
  const domains = vendors.flatMap((v) => v.domains);
  const out: CorpusRequest[] = [];
  for (let i = 0; i < size; i++) {
    const roll = r.next();
    const type = r.pick(TYPES);
    if (roll < 0.35) {
      out.push({ url: shopUrl(r), type, kind: 'first-party' });
    } else if (roll < 0.85) {
      const domain = r.pick(domains);
      // Catalogue entries that are registrable domains are usually reached on a subdomain.
      const dots = domain.split('.').length - 1;
      const host = dots === 1 && r.chance(0.7) ? `${r.pick(SUBDOMAINS)}.${domain}` : domain;
      out.push({ url: `https://${host}${vendorPath(r)}${query(r)}`, type, kind: 'catalogue' });
    } else {
      out.push({ url: `https://${unknownHost(r)}${vendorPath(r)}${query(r)}`, type, kind: 'unknown' });
    }
  }
  return out;
}
