import type { AuditContext } from './audit-context';
import type { AuditWarning } from './report-types';
import type { ConsentSignalSource } from '../consent/consent-state';
import type { CookieAttemptObservation } from '../observation';

/** Signals the optional main-world reader takes from page objects: the page can forge every one. */
const PAGE_REPORTED = new Set<ConsentSignalSource>(['cookiebot', 'iab-tcf', 'google-consent-mode']);

// Chrome reports requests cancelled by another extension's blocking rules with this error.
const BLOCKED_BY_CLIENT = 'net::ERR_BLOCKED_BY_CLIENT';
/** sendBeacon and <a ping> (Chromium: 'ping'; Firefox: 'beacon'). */
const BEACON_TYPES = new Set(['ping', 'beacon']);

/** Conditions under which the audit itself may be incomplete or contaminated. */
export function auditWarnings(ctx: AuditContext): AuditWarning[] {
  const warnings: AuditWarning[] = [];
  const state = ctx.state;
  let refusedThirdParty = 0;
  let refusedForSize = 0;
  for (const c of ctx.cookies) {
    if (c.observation.kind !== 'cookie-attempt' || c.stored !== false) continue;
    // A cookie too large for any browser is refused whatever the cookie settings: it says nothing of third-party blocking.
    if (tooLargeToStore(c.observation)) refusedForSize += 1;
    else if (c.party === 'third') refusedThirdParty += 1;
  }
  if (refusedThirdParty > 0) {
    warnings.push({ code: 'third-party-cookies-blocked', params: { count: refusedThirdParty } });
  }
  if (refusedForSize > 0) {
    warnings.push({ code: 'cookies-refused-for-size', params: { count: refusedForSize } });
  }
  if (state.capture?.urlValues === 'kept') warnings.push({ code: 'url-values-kept', params: {} });
  if (state.capture?.quietStoppedAtMs !== undefined) {
    warnings.push({ code: 'page-never-quiet', params: { seconds: Math.round(state.capture.quietStoppedAtMs / 1_000) } });
  }
  let blocked = 0;
  for (const r of state.requests) if (r.error === BLOCKED_BY_CLIENT) blocked += 1;
  if (blocked > 0) {
    warnings.push({ code: 'other-blocker-active', params: { count: blocked } });
  }
  let preexisting = 0;
  for (const c of ctx.cookies) if (c.observation.kind === 'cookie' && c.observation.preexisting) preexisting += 1;
  if (preexisting > 0) {
    warnings.push({ code: 'preexisting-cookies', params: { count: preexisting } });
  }
  if (state.observedLate) {
    warnings.push({ code: 'observed-late', params: {} });
  }
  const overflowed = Object.entries(state.overflow).filter(([, n]) => n > 0);
  if (overflowed.length > 0) {
    warnings.push({ code: 'observations-overflowed', params: { overflow: overflowed.map(([kind, count]) => ({ kind, count })) } });
  }
  for (const gap of state.gaps ?? []) {
    const { from, to } = gap;
    if (gap.reason === 'worker-stopped') warnings.push({ code: 'observations-missing', params: { from, to, unfinishedRequests: gap.unfinishedRequests } });
    if (gap.reason === 'messages-lost' && gap.source)
      warnings.push({ code: 'page-messages-missing', params: { from, to, source: gap.source, lost: gap.lost ?? 0 } });
    const startsLost = gap.reason === 'request-start-lost' ? (gap.lost ?? 0) : (gap.endsWithoutStart ?? 0);
    if (startsLost > 0) warnings.push({ code: 'request-starts-missing', params: { from, to, lost: startsLost } });
  }
  const suspects = state.canonicalNames ? 0 : cloakingSuspects(ctx);
  if (suspects > 0) warnings.push({ code: 'canonical-names-unresolved', params: { hosts: suspects } });
  if (ctx.consent.observations.some((o) => PAGE_REPORTED.has(o.source))) {
    warnings.push({ code: 'page-reported-consent', params: {} });
  }
  if (ctx.consent.observations.length === 0 && !ctx.hosts.some((g) => g.actor.vendor?.category === 'consent')) {
    warnings.push({ code: 'no-consent-tool-detected', params: {} });
  }
  const unreadable = new Set<string>();
  for (const note of state.consentRecordNotes ?? []) {
    const key = `${note.tool}\n${note.name}`;
    if (note.reading !== 'unreadable' || unreadable.has(key)) continue;
    unreadable.add(key);
    warnings.push({ code: 'consent-record-unreadable', params: { tool: note.tool, record: note.name } });
  }
  return warnings;
}

/**
 * Whether a cookie is beyond what browsers store: name and value together over 4,096 bytes
 * (RFC 6265bis §5.6; Chromium and Firefox both refuse it), or the browser said so.
 */
function tooLargeToStore(a: CookieAttemptObservation): boolean {
  return a.name.length + a.valueLength > COOKIE_NAME_VALUE_LIMIT || (a.refusedBecause ?? []).some((r) => SIZE_REASONS.has(r));
}

const COOKIE_NAME_VALUE_LIMIT = 4_096;
/** Chromium's DevTools reasons for a cookie refused for its size (Network.SetCookieBlockedReason). */
const SIZE_REASONS: ReadonlySet<string> = new Set(['NameValuePairExceedsMaxSize', 'AttributeValueExceedsMaxSize']);

/**
 * Shop subdomains that behave as CNAME-cloaked trackers do, where the browser cannot resolve
 * names (Chromium): other than the page's own host, they set cookies from their responses or
 * receive beacons. A static-file subdomain does neither, so it does not raise the warning.
 */
function cloakingSuspects(ctx: AuditContext): number {
  const { pageHost, pageSite } = ctx.state;
  const isSubdomain = (host: string) => host !== pageHost && host !== pageSite && ctx.attributor.isFirstPartyHost(host);
  const suspects = new Set<string>();
  for (const a of ctx.state.cookieAttempts) if (isSubdomain(a.requestHost)) suspects.add(a.requestHost);
  for (const group of ctx.hosts) {
    if (group.actor.kind === 'shop' && isSubdomain(group.host) && group.requests.some((r) => BEACON_TYPES.has(r.resourceType))) suspects.add(group.host);
  }
  return suspects.size;
}
