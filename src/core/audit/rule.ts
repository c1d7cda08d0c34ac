import type { Actor } from './actor';
import type { AuditContext } from './audit-context';
import { boundEvidence, MAX_EVIDENCE_PER_FINDING, type LazyEvidence } from './evidence';
import type { AbsenceMessage, ActorRef, FindingMessage } from './finding-message';
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
  message: FindingMessage;
  subject: FindingSubject;
  actor?: Actor | null;
  confidence?: Finding['attribution']['confidence'];
  basis?: string | null;
  evidence: EvidenceItem[];
  clause: PolicyClause | null;
  absence?: AbsenceMessage | null;
}

/** Builds a finding with a stable id and bounded evidence. */
export function finding(draft: FindingDraft): Finding {
  const { evidence, evidenceOmitted } = boundEvidence(draft.evidence);
  return assemble(draft, evidence, evidenceOmitted);
}

/** A finding from a draft whose evidence is already bounded and in time order. */
function assemble(draft: Omit<FindingDraft, 'evidence'>, evidence: EvidenceItem[], evidenceOmitted: number): Finding {
  const actor = draft.actor ?? null;
  return {
    id: `${draft.ruleId}:${draft.subjectKey}`,
    ruleId: draft.ruleId,
    severity: draft.severity,
    kind: draft.kind ?? 'violation',
    message: draft.message,
    subject: draft.subject,
    attribution: {
      vendorName: actor && actor.kind !== 'unknown' ? actor.name : null,
      organisation: actor?.organisation ?? null,
      legalEntity: actor?.legalEntity ?? null,
      country: actor?.country ?? null,
      confidence: draft.confidence ?? null,
      basis: draft.basis ?? null,
    },
    evidence,
    evidenceOmitted,
    clause: draft.clause,
    absence: draft.clause ? null : (draft.absence ?? null),
    grounds: groundsOf(draft),
  };
}

/** The law when the clause is the legal baseline's; the shop's words when a clause or a gap in them decides. */
function groundsOf(draft: Pick<FindingDraft, 'clause' | 'absence' | 'kind'>): Finding['grounds'] {
  if (draft.clause) return draft.clause.origin === 'legal-baseline' ? 'legal-baseline' : 'shop-policy';
  return draft.absence ? 'shop-policy' : null;
}

export function actorSubject(actor: Actor): FindingSubject {
  return {
    kind: actor.kind === 'unknown' ? 'unknown-host' : 'vendor',
    label: actor.name,
    vendorId: actor.vendor?.id ?? null,
    processorId: actor.processors[0]?.id ?? null,
  };
}

const ACTOR_REFS = new WeakMap<Actor, ActorRef>();

/** The actor as a finding message names it (one object per actor, shared by its findings). */
export function actorRef(actor: Actor): ActorRef {
  let ref = ACTOR_REFS.get(actor);
  if (!ref) {
    ref = {
      kind: actor.kind,
      name: actor.name,
      legalEntity: actor.legalEntity,
      country: actor.country,
      category: actor.vendor?.category ?? null,
    };
    ACTOR_REFS.set(actor, ref);
  }
  return ref;
}

/**
 * Groups evidence under one finding per subject: the first sighting creates the draft,
 * later sightings only add evidence. Only the earliest MAX_EVIDENCE_PER_FINDING sightings are
 * kept (and only those are turned into evidence items); the rest are counted.
 */
export class FindingGroups {
  private readonly groups = new Map<string, Group>();

  add(key: string, evidence: LazyEvidence, create: () => Omit<FindingDraft, 'evidence'>): void {
    const group = this.group(key, create);
    group.total += 1;
    keep(group, evidence);
  }

  /**
   * One sighting given as the item it was seen in. `toEvidence` and `draftOf` are shared by
   * all of a rule's sightings, so a sighting costs no allocation unless it is kept.
   */
  addItem<T>(key: string, item: T, at: number, toEvidence: (item: T) => EvidenceItem, draftOf: (item: T) => Omit<FindingDraft, 'evidence'>): void {
    let group = this.groups.get(key);
    if (!group) {
      group = { draft: draftOf(item), kept: [], latestKept: -Infinity, total: 0 };
      this.groups.set(key, group);
    }
    group.total += 1;
    if (group.kept.length >= MAX_EVIDENCE_PER_FINDING && at >= group.latestKept) return;
    keep(group, { at, make: () => toEvidence(item) });
  }

  /**
   * Many sightings of one subject at once, already in time order (a host's requests): only
   * the earliest few are looked at, the rest are counted, so a host with 10,000 requests
   * costs what one with 20 does.
   */
  addAll<T>(
    key: string,
    items: readonly T[],
    atOf: (item: T) => number,
    toEvidence: (item: T) => EvidenceItem,
    create: () => Omit<FindingDraft, 'evidence'>,
  ): void {
    if (items.length === 0) return;
    const group = this.group(key, create);
    group.total += items.length;
    for (const item of items) {
      const at = atOf(item);
      // In time order, so once one is too late to be kept, so are all that follow.
      if (group.kept.length >= MAX_EVIDENCE_PER_FINDING && at >= group.latestKept) break;
      keep(group, { at, make: () => toEvidence(item) });
    }
  }

  has(key: string): boolean {
    return this.groups.has(key);
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (const { draft, kept, total } of this.groups.values()) {
      if (kept.length > 1) kept.sort((a, b) => a.at - b.at);
      out.push(
        assemble(
          draft,
          kept.map((e) => e.make()),
          total - kept.length,
        ),
      );
    }
    return out;
  }

  private group(key: string, create: () => Omit<FindingDraft, 'evidence'>): Group {
    let group = this.groups.get(key);
    if (!group) {
      group = { draft: create(), kept: [], latestKept: -Infinity, total: 0 };
      this.groups.set(key, group);
    }
    return group;
  }
}

interface Group {
  draft: Omit<FindingDraft, 'evidence'>;
  /** The earliest sightings so far, at most MAX_EVIDENCE_PER_FINDING. */
  kept: LazyEvidence[];
  latestKept: number;
  total: number;
}

/** Keeps a sighting if it is among the group's earliest MAX_EVIDENCE_PER_FINDING. */
function keep(group: Group, evidence: LazyEvidence): void {
  if (group.kept.length < MAX_EVIDENCE_PER_FINDING) {
    group.kept.push(evidence);
    if (evidence.at > group.latestKept) group.latestKept = evidence.at;
    return;
  }
  // Sightings mostly arrive in time order, so this test rejects nearly all of them at once.
  if (evidence.at >= group.latestKept) return;
  const latest = group.kept.findIndex((e) => e.at === group.latestKept);
  group.kept[latest] = evidence;
  group.latestKept = group.kept.reduce((max, e) => Math.max(max, e.at), -Infinity);
}
