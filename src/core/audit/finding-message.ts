import type { ConsentCategory } from '../consent/consent-state';
import type { StorageArea } from '../observation';
import type { DeclarationLimitRef } from '../policy/compare-sources';

/**
 * Findings are data: a rule states WHAT it found as a message code with typed parameters,
 * never as a sentence. The presenter (src/presenter/) turns a message into words in the
 * reader's language; page- and policy-controlled strings stay parameters.
 */

/** Who a finding is about, as the presenter needs it to name them. */
export interface ActorRef {
  kind: 'vendor' | 'shop' | 'unknown';
  /** Vendor name, or the host / site of an unknown third party. */
  name: string;
  legalEntity: string | null;
  /** ISO 3166-1 alpha-2, shown as a country name in the reader's language. */
  country: string | null;
  /** The vendor catalogue's category id (e.g. 'advertising'), when known. */
  category: string | null;
}

export type StorageKind = 'cookie' | StorageArea;

/** Which declared maximum a cookie lifetime exceeded. */
export type LifetimeLimitRef =
  | { kind: 'promise'; scope: 'all' | 'first-party' | 'third-party' | 'processor' | 'category' | 'cookie'; ref: string | null; asWritten: string | null }
  | { kind: 'claim'; processor: string }
  | { kind: 'category'; category: string };

export type FindingMessage =
  | { code: 'undeclared-third-party.unknown'; params: { actor: ActorRef } }
  | { code: 'undeclared-third-party.vendor'; params: { actor: ActorRef } }
  | { code: 'undeclared-cookie'; params: { actor: ActorRef; storage: StorageKind; name: string; processor: string } }
  | {
      code: 'cookie-lifetime-exceeded';
      params: {
        actor: ActorRef;
        cookie: string;
        lifetimeDays: number | null;
        maxDays: number;
        attempt: boolean;
        setByHost: string | null;
        limit: LifetimeLimitRef;
      };
    }
  /** No limit in the shop's words: a tracking cookie beyond its country's national recommendation (the CNIL's 13 months). */
  | {
      code: 'cookie-lifetime-exceeded.national-recommendation';
      params: { actor: ActorRef; cookie: string; lifetimeDays: number; maxDays: number; category: ConsentCategory; authority: string };
    }
  | { code: 'tracking-before-consent'; params: { actor: ActorRef; category: ConsentCategory } }
  | { code: 'tracking-after-refusal'; params: { actor: ActorRef; category: ConsentCategory } }
  /** Only plain loads (library, stylesheet, font): nothing stored, no identifier, no tracking endpoint. */
  | { code: 'tracking-before-consent.plain-load'; params: { actor: ActorRef; category: ConsentCategory; requests: number } }
  | { code: 'tracking-after-refusal.plain-load'; params: { actor: ActorRef; category: ConsentCategory; requests: number } }
  | {
      code: 'third-party-cookie-in-first-party-category';
      params: { actor: ActorRef; cookie: string; domain: string; categoryId: string | null; attempt: boolean; tension: string | null };
    }
  | { code: 'no-cookies-promise.cookie'; params: { service: string; actor: ActorRef; cookie: string; domain: string; attempt: boolean } }
  | { code: 'no-cookies-promise.storage'; params: { service: string; key: string; area: StorageArea; allowed: string[] | null } }
  | { code: 'undeclared-third-country-transfer'; params: { actor: ActorRef; country: string; adequate: boolean } }
  /** No model: where data goes outside the EU/EEA, for the reader to check against the shop's policy. */
  | { code: 'third-country-transfer.unchecked'; params: { actor: ActorRef; country: string; adequate: boolean } }
  | { code: 'ip-anonymisation-missing'; params: Record<string, never> }
  | { code: 'consent-tool-mismatch.other-tool'; params: { declared: string; seen: string[] } }
  | { code: 'consent-tool-mismatch.not-found'; params: { declared: string } }
  | { code: 'consent-tool-mismatch.no-consent-mode'; params: Record<string, never> }
  | { code: 'consent-tool-mismatch.no-tc-string'; params: Record<string, never> }
  /** After the visitor refused or withdrew, the consent tool's record grants these categories. */
  | {
      code: 'consent-record-mismatch.granted-after-refusal';
      params: { action: 'refuse' | 'withdraw'; tool: string; record: string; categories: ConsentCategory[] };
    }
  /** After the visitor refused or withdrew, the consent tool stored no refusal. */
  | { code: 'consent-record-mismatch.refusal-not-stored'; params: { action: 'refuse' | 'withdraw'; tools: string[] } }
  /** After the visitor accepted, the consent tool stored no acceptance. */
  | { code: 'consent-record-mismatch.acceptance-not-stored'; params: { tools: string[] } }
  /** Google requests said Consent Mode "granted" for categories the visitor had not granted. */
  | { code: 'google-consent-overclaimed'; params: { actor: ActorRef; categories: ConsentCategory[]; afterRefusal: boolean; signal: string } }
  /** The consent tool's record cookie lives longer than the shop's stated retention for it. */
  | { code: 'consent-record-retention'; params: { cookie: string; tool: string; lifetimeDays: number; maxDays: number; period: string | null } }
  /** The banner's first layer offered accepting (this many buttons) but no reject button. */
  | { code: 'refusal-harder-than-accepting'; params: { tool: string | null; acceptButtons: number; settingsButtons: number } }
  | { code: 'policy-declaration-mismatch.processor-only-in-text'; params: { processor: string } }
  | { code: 'policy-declaration-mismatch.processor-only-in-declaration'; params: { processor: string } }
  | { code: 'policy-declaration-mismatch.lifetime'; params: { cookie: string; textDays: number; declaredDays: number; limit: DeclarationLimitRef } }
  | { code: 'policy-declaration-mismatch.category'; params: { cookie: string; textCategory: string; declaredCategory: string; processor: string | null } }
  | { code: 'policy-declaration-mismatch.first-party'; params: { cookie: string; category: string; declaredFor: string | null } }
  | { code: 'declared-not-observed'; params: { processor: string } }
  | { code: 'no-policy-model'; params: { site: string; policyLink: string | null } }
  /** A finding of a version-1 report, which held English sentences: shown as it was. */
  | { code: 'legacy'; params: { title: string; explanation: string } };

export type FindingCode = FindingMessage['code'];

/** What the policy lacks, when a finding rests on no clause. */
export type AbsenceMessage =
  | { code: 'no-processor-named'; params: { policyTitle: string; organisation: string } }
  | { code: 'no-transfer-declared'; params: { country: string; organisation: string } }
  | { code: 'no-consent-rule'; params: { category: ConsentCategory } }
  | { code: 'no-policy-eprivacy'; params: Record<string, never> }
  | { code: 'no-model-installed'; params: Record<string, never> }
  | { code: 'legacy'; params: { text: string } };

export type AbsenceCode = AbsenceMessage['code'];

/** A technical note on one piece of evidence (why this request counts). */
export type EvidenceNote =
  | { code: 'ua-hit-without-aip'; params: { tid: string } }
  /** A first-party host whose DNS name points into a tracker's domain (CNAME cloaking). */
  | { code: 'cname-cloaked'; params: { canonicalName: string } };

/**
 * Every code, so the presenter's catalogues can be checked complete by a test. Typed as a
 * record over the union: adding a code to the union without listing it here fails to compile.
 */
const FINDING_CODE_SET: Record<FindingCode, true> = {
  'undeclared-third-party.unknown': true,
  'undeclared-third-party.vendor': true,
  'undeclared-cookie': true,
  'cookie-lifetime-exceeded': true,
  'cookie-lifetime-exceeded.national-recommendation': true,
  'tracking-before-consent': true,
  'tracking-after-refusal': true,
  'tracking-before-consent.plain-load': true,
  'tracking-after-refusal.plain-load': true,
  'third-party-cookie-in-first-party-category': true,
  'no-cookies-promise.cookie': true,
  'no-cookies-promise.storage': true,
  'undeclared-third-country-transfer': true,
  'third-country-transfer.unchecked': true,
  'ip-anonymisation-missing': true,
  'consent-tool-mismatch.other-tool': true,
  'consent-tool-mismatch.not-found': true,
  'consent-tool-mismatch.no-consent-mode': true,
  'consent-tool-mismatch.no-tc-string': true,
  'consent-record-mismatch.granted-after-refusal': true,
  'consent-record-mismatch.refusal-not-stored': true,
  'consent-record-mismatch.acceptance-not-stored': true,
  'google-consent-overclaimed': true,
  'refusal-harder-than-accepting': true,
  'consent-record-retention': true,
  'policy-declaration-mismatch.processor-only-in-text': true,
  'policy-declaration-mismatch.processor-only-in-declaration': true,
  'policy-declaration-mismatch.lifetime': true,
  'policy-declaration-mismatch.category': true,
  'policy-declaration-mismatch.first-party': true,
  'declared-not-observed': true,
  'no-policy-model': true,
  legacy: true,
};
export const FINDING_CODES = Object.keys(FINDING_CODE_SET) as FindingCode[];

const ABSENCE_CODE_SET: Record<AbsenceCode, true> = {
  'no-processor-named': true,
  'no-transfer-declared': true,
  'no-consent-rule': true,
  'no-policy-eprivacy': true,
  'no-model-installed': true,
  legacy: true,
};
export const ABSENCE_CODES = Object.keys(ABSENCE_CODE_SET) as AbsenceCode[];
