import type { Rule } from './rule';
import { undeclaredThirdParty } from './rules/undeclared-third-party';
import { undeclaredCookie } from './rules/undeclared-cookie';
import { lifetimeExceeded } from './rules/lifetime-exceeded';
import { trackingBeforeConsent } from './rules/tracking-before-consent';
import { trackingAfterRefusal } from './rules/tracking-after-refusal';
import { thirdPartyCookieInFirstPartyCategory } from './rules/third-party-cookie-in-first-party-category';
import { noCookiesPromise } from './rules/no-cookies-promise';
import { thirdCountryTransfer } from './rules/third-country-transfer';
import { ipAnonymisation } from './rules/ip-anonymisation';
import { consentToolMismatch } from './rules/consent-tool-mismatch';
import { consentRecordMismatch } from './rules/consent-record-mismatch';
import { googleConsentOverclaimed } from './rules/google-consent-overclaimed';
import { refusalHarderThanAccepting } from './rules/refusal-harder-than-accepting';
import { consentRecordRetention } from './rules/consent-record-retention';
import { declaredNotObserved } from './rules/declared-not-observed';
import { noPolicyModel } from './rules/no-policy-model';
import { declarationMismatch } from './rules/declaration-mismatch';

/** Every rule, in the order their findings are listed within a severity. */
export const RULES: readonly Rule[] = [
  trackingAfterRefusal,
  trackingBeforeConsent,
  consentRecordMismatch,
  googleConsentOverclaimed,
  refusalHarderThanAccepting,
  undeclaredThirdParty,
  noCookiesPromise,
  ipAnonymisation,
  lifetimeExceeded,
  consentRecordRetention,
  thirdPartyCookieInFirstPartyCategory,
  undeclaredCookie,
  thirdCountryTransfer,
  consentToolMismatch,
  declarationMismatch,
  declaredNotObserved,
  noPolicyModel,
];
