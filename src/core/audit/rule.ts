import type { Actor } from './actor';
import type { AuditContext } from './audit-context';
import { boundEvidence, MAX_EVIDENCE_PER_FINDING, type LazyEvidence } from './evidence';
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
 * later sightings only add evidence. Only the earliest MAX_EVIDENCE_PER_FINDING sightings are
 * kept (and only those are turned into evidence items); the rest are counted.
 */
export class FindingGroups {
  private readonly groups = new Map<string, { draft: Omit<FindingDraft, 'evidence'>; kept: LazyEvidence[]; latestKept: number; total: number }>();

  add(key: string, evidence: LazyEvidence, create: () => Omit<FindingDraft, 'evidence'>): void {
    let group = this.groups.get(key);
    if (!group) {
      group = { draft: create(), kept: [], latestKept: -Infinity, total: 0 };
      this.groups.set(key, group);
    }
    group.total += 1;
    if (group.kept.length < MAX_EVIDENCE_PER_FINDING) {
      group.kept.push(evidence);
      group.latestKept = Math.max(group.latestKept, evidence.at);
      return;
    }
    // Sightings mostly arrive in time order, so this test rejects nearly all of them at once.
    if (evidence.at >= group.latestKept) return;
    const latest = group.kept.findIndex((e) => e.at === group.latestKept);
    group.kept[latest] = evidence;
    group.latestKept = group.kept.reduce((max, e) => Math.max(max, e.at), -Infinity);
  }

  has(key: string): boolean {
    return this.groups.has(key);
  }

  findings(): Finding[] {
    return [...this.groups.values()].map(({ draft, kept, total }) => {
      const evidence = kept.sort((a, b) => a.at - b.at).map((e) => e.make());
      return { ...finding({ ...draft, evidence }), evidenceOmitted: total - kept.length };
    });
  }
}
