import type { StorageType } from '../../policy/schema.ts';
import type { DurationMatch } from '../extract-durations.ts';
import { extractSessionEnd } from '../extract-durations.ts';
import { STORAGE_CUE_RE, extractStorageKeys, storageTypeOf } from '../extract-storage-keys.ts';
import type { StorageKeyMatch } from '../extract-storage-keys.ts';
import { nameOrPattern } from '../key-pattern.ts';
import type { Analysed, DraftContext } from './draft-context.ts';

const COOKIE_RE = /cookie|kakor|\bkaka\b/i;

/** The sentence and up to two before it in the same paragraph: where "these cookies" get their subject. */
function surroundings(ctx: DraftContext, a: Analysed): string {
  const parts = [a.s.text];
  for (let j = a.s.index - 1; j >= a.s.index - 2; j--) {
    const prev = ctx.analysed[j];
    if (!prev || prev.s.heading || prev.s.paragraph !== a.s.paragraph) break;
    parts.unshift(prev.s.text);
  }
  return parts.join(' ');
}

/** The storage a span names outright: web storage or IndexedDB, else a cookie when it says "cookie", else null. */
function namedStorage(span: string): StorageType | null {
  const type = storageTypeOf(span);
  if (type !== 'cookie') return type;
  return COOKIE_RE.test(span) ? 'cookie' : null;
}

/**
 * What a sentence says of each key it names. Several keys: each takes the storage and the
 * duration its own stretch of the sentence gives ("la cookie _hjSessionUser_<ID>, que se
 * conserva 12 meses, y la cookie _hjSession_<ID>, que se conserva 30 minutos, y guarda
 * hjViewportId en el almacenamiento de sesión"), else the words just before it, else the
 * sentence's; one duration after every key is all of theirs ("_a and _b last one year").
 */
function perKey(a: Analysed, keys: readonly StorageKeyMatch[], context: string): Array<{ storage: StorageType; lifetime: number | null }> {
  const text = a.s.text;
  const sentenceStorage = storageTypeOf(context);
  const session = extractSessionEnd(context);
  const single = a.durations.length === 1 ? (a.durations[0] as DurationMatch).days : null;
  const spans = keys.map((k, i) => {
    const next = keys[i + 1]?.start ?? text.length;
    const own = text.slice(k.end, next);
    const duration = a.durations.find((d) => d.start >= k.end && d.start < next);
    return { own, before: text.slice(keys[i - 1]?.end ?? 0, k.start), lifetime: duration ? duration.days : extractSessionEnd(own) ? 0 : null };
  });
  // Each key its own stretch's lifetime when more than one stretch gives one ("YSC, which is
  // deleted when you close your browser, and VISITOR_INFO1_LIVE, kept for 6 months").
  const ownLifetimes = keys.length > 1 && spans.filter((x) => x.lifetime !== null).length > 1;
  return spans.map((x) => ({
    storage: namedStorage(x.own) ?? namedStorage(x.before) ?? sentenceStorage,
    // A lifetime right after the key is its own; else the sentence's, unless the keys each have theirs.
    lifetime: x.lifetime ?? (ownLifetimes ? null : session ? 0 : single),
  }));
}

/**
 * Key names in prose ("Hotjar plaatst de cookie _hjSession_<ID>"), under the processor the
 * sentence is about, else the catalogue's owner of the name, else the shop's own; a
 * placeholder becomes a pattern.
 */
export function attachStorageKeys(ctx: DraftContext): void {
  for (const a of ctx.body) {
    // Table rows are read by the table attacher, row by row.
    if (a.s.tableRow) continue;
    const context = surroundings(ctx, a);
    if (!STORAGE_CUE_RE.test(context)) continue;
    const keys = extractStorageKeys(a.s.text, ctx.index.knownKeyNames);
    if (keys.length === 0) continue;
    const facts = perKey(a, keys, context);
    keys.forEach((k, i) => {
      const { storage, lifetime } = facts[i] as { storage: StorageType; lifetime: number | null };
      let target = ctx.processorAt(a);
      if (!target) {
        const owners = ctx.index.knownKeyNames.get(k.name) ?? [];
        if (owners.length === 1) target = ctx.processorOfVendor(owners[0] as string);
      }
      const list = target ? target.model.cookies : ctx.firstPartyCookies;
      const key = nameOrPattern(k.name);
      if (list.some((c) => ('name' in key ? c.name === key.name : c.pattern === key.pattern) && c.storage === storage)) return;
      list.push({ ...key, storage, maxLifetimeDays: lifetime, purpose: k.purpose, source: ctx.source(a.s), checkable: true });
      const path = target ? `${target.path}.cookies[${list.length - 1}]` : `firstPartyCookies[${list.length - 1}]`;
      ctx.claim(a.s, k, {
        extractor: 'storage-key',
        name: k.name,
        storage,
        maxLifetimeDays: lifetime,
        confidence: k.via === 'catalogue' ? 0.8 : 0.7,
        modelPath: path,
      });
    });
  }
}
