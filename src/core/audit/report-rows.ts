import type { PolicyPromise } from '../policy/schema';
import { isDeclared } from './actor';
import type { AuditContext } from './audit-context';
import type { CookieRow, StorageRow, UncheckableClaim, UncheckableMessage, VendorRow } from './report-types';

/** Companies declared and observed, one row each, observed ones first. */
export function vendorRows(ctx: AuditContext): VendorRow[] {
  const rows = new Map<string, VendorRow>();
  const row = (key: string, init: () => VendorRow): VendorRow => {
    const existing = rows.get(key);
    if (existing) return existing;
    const created = init();
    rows.set(key, created);
    return created;
  };
  for (const actor of ctx.actors.values()) {
    row(actor.key, () => ({
      key: actor.key,
      vendorId: actor.vendor?.id ?? null,
      processorId: actor.processors[0]?.id ?? null,
      name: actor.name,
      organisation: actor.organisation,
      legalEntity: actor.legalEntity,
      country: actor.country,
      category: actor.vendor?.category ?? actor.processors[0]?.category ?? null,
      consentCategory: actor.consentCategory,
      declared: isDeclared(actor),
      observed: true,
      hosts: [],
      requests: 0,
      cookies: 0,
      storageKeys: 0,
      source: actor.source === 'shop' ? 'policy' : actor.source,
      confidence: actor.kind === 'unknown' ? null : 'high',
    }));
  }
  const hostSets = new Map<string, Set<string>>();
  for (const { actor, host, requests } of ctx.hosts) {
    const r = rows.get(actor.key);
    if (!r) continue;
    r.requests += requests.length;
    const hosts = hostSets.get(actor.key) ?? new Set<string>();
    hosts.add(host);
    hostSets.set(actor.key, hosts);
  }
  for (const [key, hosts] of hostSets) {
    const r = rows.get(key);
    if (r) r.hosts = [...hosts].sort();
  }
  for (const c of ctx.cookies) {
    const r = rows.get(c.actor.key);
    if (r && c.observation.kind === 'cookie') r.cookies += 1;
  }
  for (const s of ctx.storage) {
    const r = rows.get(s.actor.key);
    if (r) r.storageKeys += 1;
  }
  const seenProcessors = new Set([...ctx.actors.values()].flatMap((a) => a.processors.map((p) => p.id)));
  for (const p of ctx.policy?.processors ?? []) {
    if (p.kind !== 'service' || seenProcessors.has(p.id)) continue;
    const vendor = p.vendorId ? ctx.index.vendorById(p.vendorId) : undefined;
    row(`processor:${p.id}`, () => ({
      key: `processor:${p.id}`,
      vendorId: p.vendorId,
      processorId: p.id,
      name: p.name,
      organisation: vendor?.organisation ?? p.legalEntity,
      legalEntity: p.legalEntity,
      country: p.country,
      category: vendor?.category ?? p.category,
      consentCategory: p.category ?? 'unknown',
      declared: true,
      observed: false,
      hosts: p.hosts,
      requests: 0,
      cookies: 0,
      storageKeys: 0,
      source: 'policy',
      confidence: null,
    }));
  }
  return [...rows.values()].sort(
    (a, b) => Number(b.observed) - Number(a.observed) || Number(a.declared) - Number(b.declared) || b.requests - a.requests || a.name.localeCompare(b.name),
  );
}

/** Every cookie seen or attempted, with when it was set relative to consent. */
export function cookieRows(ctx: AuditContext): CookieRow[] {
  const rows = new Map<string, CookieRow>();
  for (const item of ctx.cookies) {
    const o = item.observation;
    const consentAtSet = ctx.consent.at(item.at);
    const existing = rows.get(item.id);
    if (existing) {
      if (o.kind === 'cookie-attempt') existing.lifetimeDays = o.lifetimeDays;
      if (o.kind === 'cookie') existing.storedLifetimeDays = o.lifetimeDays;
      if (item.at < existing.firstSeenAt) {
        existing.firstSeenAt = item.at;
        existing.consentAtSet = consentAtSet;
        existing.setBeforeConsent = consentAtSet.status === 'no-choice';
      }
      existing.stored ||= o.kind === 'cookie' || item.stored === true;
      continue;
    }
    rows.set(item.id, {
      name: o.name,
      domain: o.domain,
      party: item.party,
      lifetimeDays: o.lifetimeDays,
      storedLifetimeDays: o.kind === 'cookie' ? o.lifetimeDays : null,
      session: o.session,
      httpOnly: o.httpOnly,
      secure: o.secure,
      sameSite: o.sameSite,
      firstSeenAt: item.at,
      consentAtSet,
      setBeforeConsent: consentAtSet.status === 'no-choice',
      declared: isDeclared(item.actor),
      vendorId: item.actor.vendor?.id ?? null,
      vendorName: item.actor.kind === 'unknown' ? null : item.actor.name,
      confidence: item.confidence,
      stored: o.kind === 'cookie' || item.stored === true,
      preexisting: o.kind === 'cookie' && o.preexisting,
    });
  }
  return [...rows.values()].sort((a, b) => a.firstSeenAt - b.firstSeenAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function storageRows(ctx: AuditContext): StorageRow[] {
  return ctx.storage
    .map((item) => ({
      area: item.observation.area,
      key: item.observation.key,
      origin: item.observation.origin,
      size: item.observation.size,
      firstSeenAt: item.observation.firstSeenAt,
      consentAtSet: ctx.consent.at(item.observation.firstSeenAt),
      declared: isDeclared(item.actor),
      vendorId: item.actor.vendor?.id ?? null,
      vendorName: item.actor.kind === 'unknown' ? null : item.actor.name,
    }))
    .sort((a, b) => a.firstSeenAt - b.firstSeenAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Claims that stay in the model but cannot be verified from a browser (retention, contracts …). */
export function uncheckableClaims(ctx: AuditContext): UncheckableClaim[] {
  const policy = ctx.policy;
  if (!policy) return [];
  const claims: UncheckableClaim[] = [];
  for (const promise of policy.promises) {
    if (!promise.checkable)
      claims.push({ kind: promise.kind, message: uncheckableMessage(promise), notCheckedByThisVersion: false, clause: ctx.clause(promise.source) });
    // Checkable in principle, but no rule of this version checks it: say so, never drop it.
    else if (!CHECKED_PROMISE_KINDS.has(promise.kind)) {
      claims.push({ kind: promise.kind, message: uncheckableMessage(promise), notCheckedByThisVersion: true, clause: ctx.clause(promise.source) });
    }
  }
  for (const p of policy.processors) {
    if (p.thirdCountryTransfer && !p.thirdCountryTransfer.checkable) {
      const transfer = p.thirdCountryTransfer;
      claims.push({
        kind: 'third-country-transfer',
        message: { code: 'third-country-transfer', params: { processor: p.name, countries: [...transfer.countries], safeguard: transfer.safeguard } },
        notCheckedByThisVersion: false,
        clause: ctx.clause(transfer.source),
      });
    }
  }
  return claims;
}

/** Promise kinds some rule in src/core/audit/rules checks. */
const CHECKED_PROMISE_KINDS: ReadonlySet<string> = new Set([
  'max-cookie-lifetime',
  'no-cookies',
  'ip-anonymisation',
  'first-party-only',
  'not-shared-with-third-parties',
  'consent-tool',
  'consent-mechanism',
  'consent-before-cookies',
]);

function uncheckableMessage(p: PolicyPromise): UncheckableMessage {
  switch (p.kind) {
    case 'retention':
      return { code: 'retention', params: { subject: p.subject, period: p.period ?? null } };
    case 'data-subject-right':
      return { code: 'data-subject-right', params: { right: p.right, article: p.article } };
    case 'no-sale-of-data':
      return { code: 'no-sale-of-data', params: {} };
    case 'other':
      return { code: 'other', params: { topic: p.topic } };
    default:
      return { code: 'promise', params: { kind: p.kind } };
  }
}
