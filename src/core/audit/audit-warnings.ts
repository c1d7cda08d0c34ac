import type { AuditContext } from './audit-context';
import type { AuditWarning } from './report-types';
import type { ConsentSignalSource } from '../consent/consent-state';

/** Signals the optional main-world reader takes from page objects: the page can forge every one. */
const PAGE_REPORTED = new Set<ConsentSignalSource>(['cookiebot', 'iab-tcf', 'google-consent-mode']);

// Chrome reports requests cancelled by another extension's blocking rules with this error.
const BLOCKED_BY_CLIENT = 'net::ERR_BLOCKED_BY_CLIENT';

/** Conditions under which the audit itself may be incomplete or contaminated. */
export function auditWarnings(ctx: AuditContext): AuditWarning[] {
  const warnings: AuditWarning[] = [];
  const state = ctx.state;
  let refusedThirdParty = 0;
  for (const c of ctx.cookies) if (c.observation.kind === 'cookie-attempt' && c.party === 'third' && c.stored === false) refusedThirdParty += 1;
  if (refusedThirdParty > 0) {
    warnings.push({ code: 'third-party-cookies-blocked', params: { count: refusedThirdParty } });
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
  if (ctx.consent.observations.some((o) => PAGE_REPORTED.has(o.source))) {
    warnings.push({ code: 'page-reported-consent', params: {} });
  }
  const unreadable = new Set<string>();
  for (const p of state.consentRecordProblems ?? []) {
    if (unreadable.has(`${p.tool}\n${p.name}`)) continue;
    unreadable.add(`${p.tool}\n${p.name}`);
    warnings.push({ code: 'consent-record-unreadable', params: { tool: p.tool, record: p.name } });
  }
  if (ctx.consent.observations.length === 0 && !ctx.hosts.some((g) => g.actor.vendor?.category === 'consent')) {
    warnings.push({ code: 'no-consent-tool-detected', params: {} });
  }
  return warnings;
}
