import type { AuditContext } from './audit-context';
import type { AuditWarning } from './report-types';

// Chrome reports requests cancelled by another extension's blocking rules with this error.
const BLOCKED_BY_CLIENT = 'net::ERR_BLOCKED_BY_CLIENT';

/** Conditions under which the audit itself may be incomplete or contaminated. */
export function auditWarnings(ctx: AuditContext): AuditWarning[] {
  const warnings: AuditWarning[] = [];
  const state = ctx.state;
  let refusedThirdParty = 0;
  for (const c of ctx.cookies) if (c.observation.kind === 'cookie-attempt' && c.party === 'third' && c.stored === false) refusedThirdParty += 1;
  if (refusedThirdParty > 0) {
    warnings.push({
      code: 'third-party-cookies-blocked',
      message: `The browser refused ${refusedThirdParty} third-party cookie(s) (third-party cookie blocking). They are reported from the Set-Cookie headers, but scripts that depend on them may behave differently than for other visitors.`,
    });
  }
  let blocked = 0;
  for (const r of state.requests) if (r.error === BLOCKED_BY_CLIENT) blocked += 1;
  if (blocked > 0) {
    warnings.push({ code: 'other-blocker-active', message: `${blocked} request(s) were blocked by another extension (ad or tracker blocker, consent extension). The audit sees less than the shop sends to other visitors.` });
  }
  let preexisting = 0;
  for (const c of ctx.cookies) if (c.observation.kind === 'cookie' && c.observation.preexisting) preexisting += 1;
  if (preexisting > 0) {
    warnings.push({ code: 'preexisting-cookies', message: `${preexisting} cookie(s) for this shop were already in the browser from an earlier visit; an earlier consent choice may apply. Audit in a fresh profile for a clean result.` });
  }
  if (state.observedLate) {
    warnings.push({ code: 'observed-late', message: 'The page was already loading when PolicyLens started; reload it to observe it from the start.' });
  }
  const overflowed = Object.entries(state.overflow).filter(([, n]) => n > 0);
  if (overflowed.length > 0) {
    warnings.push({ code: 'observations-overflowed', message: `The page produced more than PolicyLens keeps per tab; not stored: ${overflowed.map(([k, n]) => `${n} ${k}`).join(', ')}.` });
  }
  if (ctx.consent.observations.length === 0 && !ctx.hosts.some((g) => g.actor.vendor?.category === 'consent')) {
    warnings.push({ code: 'no-consent-tool-detected', message: 'No consent banner or consent signal was detected; every observation counts as made before consent.' });
  }
  return warnings;
}
