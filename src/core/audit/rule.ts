import type { Actor } from './actor';
import type { AuditContext } from './audit-context';
import { boundEvidence } from './evidence';
import type { EvidenceItem, Finding, FindingSubject, PolicyClause, Severity } from './report-types';

/** One check of observations against the policy. Each rule lives in its own file. */
export interface Rule {
  id: string;
  /** Short description for the rule catalogue (README, SARIF rule metadata). */
  description: string;
  defaultSeverity: Severity;
  check(ctx: AuditContext): Finding[];
}

export interface FindingDraft {
  ruleId: string;
  subjectKey: string;
  severity: Severity;
  kind?: Finding['kind'];
  title: string;
  explanation: string;
  subject: FindingSubject;
  actor?: Actor | null;
  confidence?: Finding['attribution']['confidence'];
  basis?: string | null;
  evidence: EvidenceItem[];
  clause: PolicyClause | null;
  absence?: string | null;
}

/** Builds a finding with a stable id and bounded evidence. */
export function finding(draft: FindingDraft): Finding {
  const actor = draft.actor ?? null;
  return {
    id: `${draft.ruleId}:${draft.subjectKey}`,
    ruleId: draft.ruleId,
    severity: draft.severity,
    kind: draft.kind ?? 'violation',
    title: draft.title,
    explanation: draft.explanation,
    subject: draft.subject,
    attribution: {
      vendorName: actor && actor.kind !== 'unknown' ? actor.name : null,
      organisation: actor?.organisation ?? null,
      legalEntity: actor?.legalEntity ?? null,
      country: actor?.country ?? null,
      confidence: draft.confidence ?? null,
      basis: draft.basis ?? null,
    },
    ...boundEvidence(draft.evidence),
    clause: draft.clause,
    absence: draft.clause ? null : (draft.absence ?? null),
  };
}

export function actorSubject(actor: Actor): FindingSubject {
  return {
    kind: actor.kind === 'unknown' ? 'unknown-host' : 'vendor',
    label: actor.name,
    vendorId: actor.vendor?.id ?? null,
    processorId: actor.processors[0]?.id ?? null,
  };
}

export function describeActor(actor: Actor): string {
  const who = actor.legalEntity && actor.legalEntity !== actor.name ? `${actor.name} (${actor.legalEntity}${actor.country ? `, ${actor.country}` : ''})` : actor.name;
  return actor.kind === 'unknown' ? `an unknown company at ${actor.name}` : who;
}

export function days(value: number | null): string {
  if (value === null) return 'session';
  return value >= 10 ? `${Math.round(value)} days` : `${Math.round(value * 100) / 100} days`;
}

/**
 * Groups evidence under one finding per subject: the first sighting creates the draft,
 * later sightings only add evidence. Evidence is bounded when the findings are built.
 */
export class FindingGroups {
  private readonly drafts = new Map<string, FindingDraft>();

  add(key: string, evidence: EvidenceItem, create: () => Omit<FindingDraft, 'evidence'>): void {
    const existing = this.drafts.get(key);
    if (existing) existing.evidence.push(evidence);
    else this.drafts.set(key, { ...create(), evidence: [evidence] });
  }

  has(key: string): boolean {
    return this.drafts.has(key);
  }

  findings(): Finding[] {
    return [...this.drafts.values()].map(finding);
  }
}
