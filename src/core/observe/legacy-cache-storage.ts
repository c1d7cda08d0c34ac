import type { StorageKeyObservation } from '../observation';
import { hostOf } from '../site';
import { storageKeyId } from './tab-state';

interface LegacyCacheName {
  origin: string;
  cacheName: string;
  at: number;
}

/**
 * Observation logs saved before Cache Storage names became storage keys kept them in a
 * separate `cacheStorage` list, which the schema now drops. Re-auditing such a log turns
 * each into the storage key the CLI records today: area `cacheStorage`, seen through the
 * DevTools protocol, written at some time in the visit (the old list did not say when).
 * Anything else is returned as it is, for the schema to judge.
 */
export function upgradeLegacyCacheStorage(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('cacheStorage' in raw)) return raw;
  const { cacheStorage, ...rest } = raw as Record<string, unknown>;
  const keys = rest.storageKeys;
  if (!Array.isArray(cacheStorage) || typeof keys !== 'object' || keys === null) return raw;
  const storageKeys = { ...(keys as Record<string, unknown>) };
  const startedAt = typeof rest.startedAt === 'number' ? rest.startedAt : undefined;
  const pageHost = typeof rest.pageHost === 'string' ? rest.pageHost : null;
  for (const item of cacheStorage) {
    if (!isLegacyCacheName(item)) continue;
    const id = storageKeyId({ area: 'cacheStorage', origin: item.origin, key: item.cacheName });
    if (storageKeys[id]) continue;
    const key: StorageKeyObservation = {
      kind: 'storage-key',
      area: 'cacheStorage',
      key: item.cacheName,
      size: 0,
      origin: item.origin,
      frame: hostOf(item.origin) === pageHost ? { frameId: 0, kind: 'top', url: null } : { frameId: -1, kind: 'sub', url: null },
      firstSeenAt: item.at,
      ...(startedAt !== undefined && startedAt < item.at ? { writtenAfter: startedAt } : {}),
      removedAt: null,
      source: 'devtools',
    };
    storageKeys[id] = key;
  }
  return { ...rest, storageKeys };
}

function isLegacyCacheName(item: unknown): item is LegacyCacheName {
  if (typeof item !== 'object' || item === null) return false;
  const o = item as Record<string, unknown>;
  return typeof o.origin === 'string' && typeof o.cacheName === 'string' && o.cacheName !== '' && typeof o.at === 'number';
}
