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
 * The storage a key is in: what its own stretch names, else the words before it, else the
 * sentence's. Both when the words before it say cookie and its own stretch says web storage
 * ("in de cookie didomi_token og under samme navn i din browsers lokale lager").
 */
function storagesOf(own: string, before: string, sentence: StorageType): StorageType[] {
  const after = namedStorage(own);
  const ahead = namedStorage(before);
  if (after && ahead && after !== ahead) return [ahead, after];
  return [after ?? ahead ?? sentence];
}

/**
 * What a sentence says of each key it names. Several keys: each takes the storage and the
 * duration its own stretch of the sentence gives ("la cookie _hjSessionUser_<ID>, que se
 * conserva 12 meses, y la cookie _hjSession_<ID>, que se conserva 30 minutos, y guarda
 * hjViewportId en el almacenamiento de sesión"), else the words just before it, else the
 * sentence's; one duration after every key is all of theirs ("_a and _b last one year").
 */
function perKey(a: Analysed, keys: readonly StorageKeyMatch[], context: string): Array<{ storages: StorageType[]; lifetime: number | null }> {
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
    storages: storagesOf(x.own, x.before, sentenceStorage),
    // A lifetime right after the key is its own; else the sentence's, unless the keys each have theirs.
    lifetime: x.lifetime ?? (ownLifetimes ? null : session ? 0 : single),
  }));
}

/**
 * Names the sentence's vendor documents, found as written even when they do not look like
 * keys ("YouTube then sets the cookies YSC, …"): a short capitalised word is a key only in a
 * sentence about the vendor that documents it.
 */
export function withVendorNames(ctx: DraftContext, a: Analysed, found: StorageKeyMatch[]): StorageKeyMatch[] {
  const vendorId = ctx.processorAt(a)?.model.vendorId;
  const vendor = vendorId ? ctx.index.vendorsById.get(vendorId) : undefined;
  if (!vendor) return found;
  const extra: StorageKeyMatch[] = [];
  for (const c of vendor.cookies) {
    if (c.name === undefined || c.name.length < 3 || found.some((k) => k.name === c.name)) continue;
    const at = wordAt(a.s.text, c.name);
    if (at >= 0) extra.push({ name: c.name, via: 'catalogue', purpose: '', start: at, end: at + c.name.length });
  }
  return extra.length === 0 ? found : [...found, ...extra].sort((x, y) => x.start - y.start);
}

/** Where `word` stands in `text` as a word of its own (case-sensitive), else -1. */
function wordAt(text: string, word: string): number {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + word.length] ?? ' ';
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return at;
  }
  return -1;
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
    const keys = withVendorNames(ctx, a, extractStorageKeys(a.s.text, ctx.index.knownKeyNames));
    if (keys.length === 0) continue;
    const facts = perKey(a, keys, context);
    keys.forEach((k, i) => {
      const { storages, lifetime } = facts[i] as { storages: StorageType[]; lifetime: number | null };
      for (const storage of storages) attachKey(ctx, a, k, storage, lifetime);
    });
  }
}

/** One key in one storage, under the processor the sentence is about, else the one drafted processor that documents the name, else the shop's own. */
function attachKey(ctx: DraftContext, a: Analysed, k: StorageKeyMatch, storage: StorageType, lifetime: number | null): void {
  let target = ctx.processorAt(a);
  if (!target) {
    // "euconsent-v2" is every TCF tool's: it is the one among them the text names.
    const drafted = (ctx.index.knownKeyNames.get(k.name) ?? []).map((id) => ctx.processorOfVendor(id)).filter((slot) => slot !== null);
    if (drafted.length === 1) target = drafted[0] ?? null;
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
}
