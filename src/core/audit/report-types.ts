import type { FrameRef, Party, StorageArea } from '../observation';
import type { ConsentObservation, ConsentSnapshot, ConsentTool } from '../consent/consent-state';
import type { AttributionConfidence } from '../vendors/vendor-index';

export const REPORT_VERSION = 1;

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

/** One piece of evidence: what was seen, where, when, and under which consent state. */
export type EvidenceItem =
  | { type: 'request'; url: string; host: string; resourceType: string; frame: FrameRef; at: number; consent: ConsentSnapshot; detail?: string }
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
    }
  | { type: 'storage-key'; area: StorageArea; key: string; origin: string; frame: FrameRef; at: number; consent: ConsentSnapshot }
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
  title: string;
  /** Plain-language sentence for a shopper. */
  explanation: string;
  subject: FindingSubject;
  /** Who is behind it and how sure the attribution is. */
  attribution: { vendorName: string | null; organisation: string | null; legalEntity: string | null; country: string | null; confidence: AttributionConfidence | null; basis: string | null };
  evidence: EvidenceItem[];
  /** Evidence items left out to keep the report bounded. */
  evidenceOmitted: number;
  /** The clause contradicted, or null when the policy says nothing (then see `absence`). */
  clause: PolicyClause | null;
  absence: string | null;
}

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

export interface UncheckableClaim {
  kind: string;
  summary: string;
  clause: PolicyClause;
}

export type WarningCode =
  | 'third-party-cookies-blocked'
  | 'other-blocker-active'
  | 'preexisting-cookies'
  | 'observed-late'
  | 'observations-overflowed'
  | 'no-consent-tool-detected';

export interface AuditWarning {
  code: WarningCode;
  message: string;
}

export interface AuditReport {
  reportVersion: typeof REPORT_VERSION;
  generatedAt: number;
  page: { url: string; host: string; site: string; visitStartedAt: number };
  policy: { id: string; title: string; origin: 'bundled' | 'user'; language: string; policyDate: string | null; policyVersion: string | null } | null;
  consent: { tools: ConsentTool[]; timeline: ConsentObservation[]; now: ConsentSnapshot };
  summary: {
    violations: number;
    notices: number;
    bySeverity: Record<Severity, number>;
    worstSeverity: Severity | null;
    undeclaredCompanies: number;
    brokenPromises: number;
    /** One plain line, e.g. "3 promises broken, 2 undeclared companies". */
    verdict: string;
  };
  findings: Finding[];
  vendors: VendorRow[];
  cookies: CookieRow[];
  storage: StorageRow[];
  uncheckable: UncheckableClaim[];
  warnings: AuditWarning[];
  counts: { requests: number; thirdPartyRequests: number; overflow: Record<string, number> };
}
