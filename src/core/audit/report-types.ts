import type { SequencedMessageKind } from '../observe/observation-gaps';
import type { FrameRef, Party, StorageArea } from '../observation';
import type { BannerFirstLayer, ConsentObservation, ConsentSnapshot, ConsentTool } from '../consent/consent-state';
import type { AttributionConfidence } from '../vendors/vendor-index';
import type { AbsenceMessage, EvidenceNote, FindingMessage } from './finding-message';

/** 2: findings, warnings, the verdict and uncheckable claims are message codes with parameters (1: English sentences). */
export const REPORT_VERSION = 2;

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** The policy sentence a finding rests on, quoted in the policy's own language. */
export interface PolicyClause {
  quote: string;
  section: string;
  document: string;
  /** Where the claim came from: the policy text or a consent tool's cookie declaration. */
  origin: string;
  language: string;
}

/**
 * One piece of evidence: what was seen, where, when, and under which consent state.
 * `source: 'devtools'` when only the CLI's DevTools client saw it (absent: the extension).
 */
export type EvidenceItem =
  | {
      type: 'request';
      url: string;
      host: string;
      resourceType: string;
      frame: FrameRef;
      at: number;
      consent: ConsentSnapshot;
      note?: EvidenceNote;
      source?: 'devtools';
    }
  | {
      type: 'cookie' | 'cookie-attempt';
      name: string;
      domain: string;
      party: Party;
      lifetimeDays: number | null;
      httpOnly: boolean;
      secure: boolean;
      /** For attempts: the response that tried to set it, and whether the browser kept it. */
      setBy: string | null;
      stored: boolean | null;
      frame: FrameRef | null;
      at: number;
      consent: ConsentSnapshot;
      source?: 'devtools';
    }
  | { type: 'storage-key'; area: StorageArea; key: string; origin: string; frame: FrameRef; at: number; consent: ConsentSnapshot; source?: 'devtools' }
  | { type: 'consent'; tool: ConsentTool | null; source: string; at: number; consent: ConsentSnapshot; detail: string | null };

export interface FindingSubject {
  kind: 'vendor' | 'unknown-host' | 'cookie' | 'storage-key' | 'processor' | 'consent-tool' | 'shop';
  /** Human label: vendor name, host, cookie name … (page-controlled text: always escape). */
  label: string;
  vendorId: string | null;
  processorId: string | null;
}

export interface Finding {
  /** Stable id: the same discrepancy on the same page gets the same id in every run. */
  id: string;
  ruleId: string;
  severity: Severity;
  /** 'violation' breaks a claim; 'notice' informs (declared-not-observed, no model). */
  kind: 'violation' | 'notice';
  /** What was found, as a code with typed parameters; the presenter words it (title and explanation). */
  message: FindingMessage;
  subject: FindingSubject;
  /** Who is behind it and how sure the attribution is. */
  attribution: {
    vendorName: string | null;
    organisation: string | null;
    legalEntity: string | null;
    country: string | null;
    confidence: AttributionConfidence | null;
    basis: string | null;
  };
  evidence: EvidenceItem[];
  /** Evidence items left out to keep the report bounded. */
  evidenceOmitted: number;
  /** The clause contradicted, or null when the policy says nothing (then see `absence`). */
  clause: PolicyClause | null;
  absence: AbsenceMessage | null;
  /**
   * What the finding rests on: the shop's own words (its policy or cookie declaration, or
   * what they lack), or the law (the legal baseline, where the shop has no model or its
   * model says nothing on the matter). null for notices that judge nothing.
   */
  grounds: FindingGrounds | null;
  /**
   * In a scenario report (CLI): the parts of the scenario the finding was seen in: the visit
   * in which the consent choice was made, and the reload after it. Absent for one visit.
   */
  parts?: ScenarioPart[];
}

/** A consent scenario's visits: the landing visit in which the choice is made, and the reload after it. */
export type ScenarioPart = 'choice' | 'reload';

/** What the visitor did in a scenario, and when: the moment a refusal or acceptance applies. */
export interface ScenarioAction {
  action: 'accept' | 'refuse' | 'withdraw';
  at: number;
  /** When the consent automation was asked: the click lies between `calledAt` and the call's return. */
  calledAt?: number;
  /** Whether the consent tool could be operated (autoconsent's own result). */
  ok: boolean;
  /** What the banner's first layer offered just before this action (the first action of a visit only). */
  firstLayer?: BannerFirstLayer;
}

/** The scenario a report covers: its parts and the visitor's actions (CLI scenario reports). */
export interface ScenarioSummary {
  name: string;
  parts: Array<{ part: ScenarioPart; url: string; visitStartedAt: number }>;
  actions: ScenarioAction[];
}

export type FindingGrounds = 'shop-policy' | 'legal-baseline';

export interface VendorRow {
  key: string;
  vendorId: string | null;
  processorId: string | null;
  name: string;
  organisation: string | null;
  legalEntity: string | null;
  country: string | null;
  category: string | null;
  consentCategory: string;
  declared: boolean;
  observed: boolean;
  hosts: string[];
  requests: number;
  cookies: number;
  storageKeys: number;
  source: 'policy' | 'catalogue' | 'extra' | 'unknown';
  confidence: AttributionConfidence | null;
}

export interface CookieRow {
  name: string;
  domain: string;
  party: Party;
  /** What the site asked for (Set-Cookie) when known, else what the browser stored. */
  lifetimeDays: number | null;
  storedLifetimeDays: number | null;
  session: boolean;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
  firstSeenAt: number;
  consentAtSet: ConsentSnapshot;
  setBeforeConsent: boolean;
  declared: boolean;
  vendorId: string | null;
  vendorName: string | null;
  confidence: AttributionConfidence | null;
  stored: boolean;
  preexisting: boolean;
}

export interface StorageRow {
  area: StorageArea;
  key: string;
  origin: string;
  size: number;
  firstSeenAt: number;
  consentAtSet: ConsentSnapshot;
  declared: boolean;
  vendorId: string | null;
  vendorName: string | null;
}

/** What an uncheckable claim says, as data (the presenter words it). */
export type UncheckableMessage =
  | { code: 'retention'; params: { subject: string; period: string | null } }
  | { code: 'data-subject-right'; params: { right: string; article: string } }
  | { code: 'no-sale-of-data'; params: Record<string, never> }
  | { code: 'other'; params: { topic: string } }
  | { code: 'third-country-transfer'; params: { processor: string; countries: string[]; safeguard: string } }
  | { code: 'promise'; params: { kind: string } }
  | { code: 'legacy'; params: { text: string } };

export interface UncheckableClaim {
  kind: string;
  message: UncheckableMessage;
  /** True when a browser could check it but no rule of this version does. */
  notCheckedByThisVersion: boolean;
  clause: PolicyClause;
}

/** Conditions under which the audit may be incomplete, each with the figures that describe it. */
export type AuditWarning =
  | { code: 'third-party-cookies-blocked'; params: { count: number } }
  | { code: 'other-blocker-active'; params: { count: number } }
  | { code: 'preexisting-cookies'; params: { count: number } }
  | { code: 'observed-late'; params: Record<string, never> }
  | { code: 'observations-overflowed'; params: { overflow: { kind: string; count: number }[] } }
  /** The worker stopped while the page was active, or a write failed: observations may be missing in this stretch (ms since the epoch). */
  | { code: 'observations-missing'; params: { from: number; to: number; unfinishedRequests: number } }
  /** A content script's messages of one kind never arrived (skipped sequence numbers) between `from` and `to`. */
  | { code: 'page-messages-missing'; params: { from: number; to: number; source: SequencedMessageKind; lost: number } }
  /** Requests ended whose start was never recorded; each started before `to`. */
  | { code: 'request-starts-missing'; params: { from: number; to: number; lost: number } }
  | { code: 'no-consent-tool-detected'; params: Record<string, never> }
  /** First-party subdomains this browser cannot resolve to their canonical names (Chromium): a CNAME-cloaked tracker among them looks like the shop. */
  | { code: 'canonical-names-unresolved'; params: { hosts: number } }
  /** The optional main-world reader was on and its page-reported signals were used: a page can forge them. */
  | { code: 'page-reported-consent'; params: Record<string, never> }
  /** A consent tool's stored record was found but could not be read: the consent state may be wrong. */
  | { code: 'consent-record-unreadable'; params: { tool: string; record: string } }
  /** The browser refused cookies for their size (name and value over 4,096 bytes): the shop's doing, not third-party cookie blocking. */
  | { code: 'cookies-refused-for-size'; params: { count: number } }
  /** Values in URLs were kept as they were (the CLI's --keep-url-values): the report holds them. */
  | { code: 'url-values-kept'; params: Record<string, never> }
  /** The page never went quiet: the CLI stopped waiting at the time limit, and recorded what came until then. */
  | { code: 'page-never-quiet'; params: { seconds: number } }
  /** A rule failed on this visit: its findings are missing, the rest of the report stands. */
  | { code: 'rule-failed'; params: { ruleId: string } }
  /** A version-1 report's warning, which held an English sentence. */
  | { code: 'legacy'; params: { text: string } };

/** The one-line verdict as data: what was checked, and what it found. */
export type Verdict =
  /** Checked against the shop's policy model (and the law where the model is silent). */
  | { code: 'discrepancies'; params: { brokenPromises: number; undeclaredCompanies: number } }
  | { code: 'no-discrepancies'; params: Record<string, never> }
  /** No policy model: checked against the legal baseline only. */
  | { code: 'baseline-violations'; params: { violations: number } }
  | { code: 'baseline-clean'; params: Record<string, never> }
  /** Nothing was observed, so nothing could be compared: never "no discrepancies". */
  | { code: 'not-checked'; params: Record<string, never> }
  | { code: 'legacy'; params: { text: string } };

/**
 * Where the model came from: bundled, imported by the user, or drafted from the consent
 * tool's cookie declaration the page shows (for a shop without a model; the shop's own words).
 */
export type ReportPolicyOrigin = 'bundled' | 'user' | 'consent-declaration';

export interface AuditReport {
  reportVersion: typeof REPORT_VERSION;
  generatedAt: number;
  page: { url: string; host: string; site: string; visitStartedAt: number };
  policy: { id: string; title: string; origin: ReportPolicyOrigin; language: string; policyDate: string | null; policyVersion: string | null } | null;
  consent: { tools: ConsentTool[]; timeline: ConsentObservation[]; now: ConsentSnapshot };
  summary: {
    violations: number;
    notices: number;
    bySeverity: Record<Severity, number>;
    worstSeverity: Severity | null;
    undeclaredCompanies: number;
    brokenPromises: number;
    /** What the observations were held against. */
    checkedAgainst: 'shop-policy' | 'legal-baseline';
    /** The one-line verdict, e.g. "3 promises broken, 2 undeclared companies" once worded. */
    verdict: Verdict;
  };
  findings: Finding[];
  vendors: VendorRow[];
  cookies: CookieRow[];
  storage: StorageRow[];
  uncheckable: UncheckableClaim[];
  warnings: AuditWarning[];
  counts: { requests: number; thirdPartyRequests: number; overflow: Record<string, number> };
  /** Set when the report covers a whole consent scenario (the choice visit and the reload). */
  scenario?: ScenarioSummary;
}
