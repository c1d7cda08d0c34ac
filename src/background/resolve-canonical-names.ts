import browser from 'webextension-polyfill';
import type { TabRecorder } from '../core/observe/tab-recorder';
import type { TabStore } from './tab-store';

interface DnsApi {
  resolve(hostname: string, flags?: string[]): Promise<{ canonicalName?: string; addresses: string[] }>;
}

/** Firefox's dns API (the `dns` permission, Firefox build only); Chromium has none. */
const dns = (browser as unknown as { dns?: DnsApi }).dns;
export const RESOLVES_CANONICAL_NAMES = typeof dns?.resolve === 'function';

/** Lookups in flight or done, per host, for the life of the background page (bounded). */
const known = new Map<string, Promise<string | null>>();
const MAX_KNOWN_HOSTS = 2_000;

/**
 * The canonical name of a host the page itself just contacted, from the browser's DNS cache
 * only ('offline'): PolicyLens sends no DNS query of its own. Firefox keeps the canonical name
 * with every cached entry (network.dns.always_ai_canonname, on by default), so the page's own
 * lookup answers it. A host the browser did not resolve itself (behind a proxy that resolves
 * names) has no cached entry and stays unresolved.
 */
function canonicalNameOf(host: string): Promise<string | null> {
  let lookup = known.get(host);
  if (!lookup) {
    if (known.size >= MAX_KNOWN_HOSTS) known.clear();
    lookup = (dns as DnsApi)
      .resolve(host, ['canonical_name', 'offline'])
      .then((record) => record.canonicalName ?? null)
      .catch(() => null);
    known.set(host, lookup);
  }
  return lookup;
}

/**
 * A request to a first-party host other than the page's own: its canonical name, so the audit
 * can tell a CNAME-cloaked tracker (metrics.shop.example → shop.example.tracker.net) from the shop.
 */
export function resolveFirstPartyHost(store: TabStore, recorder: TabRecorder, host: string): void {
  if (!RESOLVES_CANONICAL_NAMES || host === recorder.state.pageHost || recorder.state.canonicalNames?.[host] !== undefined) return;
  void canonicalNameOf(host).then((canonical) => {
    if (!canonical || store.get(recorder.state.tabId) !== recorder) return;
    recorder.recordCanonicalName(host, canonical);
    store.changed(recorder.state.tabId);
  });
}
