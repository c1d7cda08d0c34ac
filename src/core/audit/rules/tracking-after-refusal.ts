import type { Rule } from '../rule';
import { trackingWithoutConsent } from './tracking-without-consent';

/** Rule 5: a marketing or statistics request, cookie or storage key after the visitor refused it. */
export const trackingAfterRefusal: Rule = {
  id: 'tracking-after-refusal',
  description: 'A marketing or statistics request, cookie or storage key appears after the visitor refused (or withdrew) consent for it.',
  defaultSeverity: 'critical',
  check(ctx) {
    return trackingWithoutConsent(
      ctx,
      'tracking-after-refusal',
      (consent, category) => (consent.status === 'refused' || consent.status === 'partial') && !consent.granted[category],
    ).map((f) => (f.kind === 'notice' ? f : { ...f, severity: 'critical' as const }));
  },
};
