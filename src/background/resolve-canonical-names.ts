import browser from 'webextension-polyfill';
import type { TabRecorder } from '../core/observe/tab-recorder';
import type { TabStore } from './tab-store';
import { CANONICAL_NAME_LOOKUPS_KEY } from '../messaging/settings-keys';

interface DnsApi {
  resolve(hostname: string, flags?: string[]): Promise<{ canonicalName?: string; addresses: string[] }>;
}

/** Firefox's dns API (the `dns` permission, Firefox build only); Chromium has none. */
const dns = (browser as unknown as { dns?: DnsApi }).dns;
export const RESOLVES_CANONICAL_NAMES = typeof dns?.resolve === 'function';

/**
 * Where canonical names come from. 'cache' (the default): Firefox's DNS cache only, never a
 * query of PolicyLens's own. Firefox keeps a canonical name in its cache only for lookups that
 * asked for one; where the page's own lookup did not (DNS over HTTPS always, the system
 * resolver unless network.dns.always_ai_canonname), the cache has none. 'resolver': then ask
 * the resolver again for the canonical name: one DNS query, to the resolver that has just
 * answered the page for the same name, so nothing new leaves the browser. Opt-in, stored in
 * storage.local under CANONICAL_NAME_LOOKUPS_KEY.
 */
let lookups: 'cache' | 'resolver' = 'cache';

/** Reads the setting and follows its changes (registered once at background start). */
export function followCanonicalNameSetting(): void {
  if (!RESOLVES_CANONICAL_NAMES) return;
  const apply = (value: unknown) => {
    lookups = value === 'resolver' ? 'resolver' : 'cache';
    known.clear();
  };
  void browser.storage.local.get(CANONICAL_NAME_LOOKUPS_KEY).then((stored) => apply(stored[CANONICAL_NAME_LOOKUPS_KEY]));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && CANONICAL_NAME_LOOKUPS_KEY in changes) apply(changes[CANONICAL_NAME_LOOKUPS_KEY]?.newValue);
  });
}

/** Lookups in flight or done, per host, for the life of the background page (bounded). */
const known = new Map<string, Promise<string | null>>();
const MAX_KNOWN_HOSTS = 2_000;

function lookUp(host: string, flags: string[]): Promise<string | null> {
  return (dns as DnsApi)
    .resolve(host, flags)
    .then((record) => record.canonicalName ?? null)
    .catch(() => null);
}

/** The canonical name of a host the page itself just contacted: from the cache, then (opt-in) the resolver. */
function canonicalNameOf(host: string): Promise<string | null> {
  let lookup = known.get(host);
  if (!lookup) {
    if (known.size >= MAX_KNOWN_HOSTS) known.clear();
    const mode = lookups;
    lookup = lookUp(host, ['canonical_name', 'offline']).then((cached) => cached ?? (mode === 'resolver' ? lookUp(host, ['canonical_name']) : null));
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
