import type { Rule } from '../rule';
import { trackingWithoutConsent } from './tracking-without-consent';

/** Rule 4: a marketing or statistics request, cookie or storage key before any consent was given. */
export const trackingBeforeConsent: Rule = {
  id: 'tracking-before-consent',
  description: 'A marketing or statistics request, cookie or storage key appears before the visitor gave consent.',
  defaultSeverity: 'high',
  check(ctx) {
    return trackingWithoutConsent(ctx, 'tracking-before-consent', (consent, category) => consent.status === 'no-choice' && !consent.granted[category]);
  },
};
