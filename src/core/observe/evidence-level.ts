import { z } from 'zod';

/**
 * How much cookie evidence a tab's visit has. Set-Cookie headers (with the cookies the
 * browser refused, and what each response asked for) are read only in audited tabs: in
 * Chromium reading them takes webRequest's `extraHeaders`, which routes every request of the
 * profile through an extra hop while any such listener exists. Elsewhere stored cookies come
 * from cookies.onChanged alone.
 * - `full`: every Set-Cookie header of the visit was read, from its first response.
 * - `partial`: Set-Cookie headers were read from `since` on; responses before (at least the
 *   document's own) were not.
 * - `stored-cookies`: no Set-Cookie headers; stored cookies, requests and storage only.
 */
export const EVIDENCE_LEVELS = ['full', 'partial', 'stored-cookies'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/**
 * Why a tab is audited: its site has a policy model (bundled, imported or drafted and
 * assigned), the user asked for a full audit of the tab, every tab is (the CLI and tests ask
 * for it), or the browser gives the headers at no extra cost (Firefox).
 */
export const AUDIT_REASONS = ['model', 'requested', 'everywhere', 'browser'] as const;
export type AuditReason = (typeof AUDIT_REASONS)[number];

export const tabEvidenceSchema = z.object({
  level: z.enum(EVIDENCE_LEVELS),
  reason: z.enum(AUDIT_REASONS).nullable(),
  /** Epoch ms from which Set-Cookie headers were read (`partial` only). */
  since: z.number().optional(),
});
export type TabEvidence = z.infer<typeof tabEvidenceSchema>;

/** What decides a visit's evidence, known when its document request starts. */
export interface VisitEvidenceInput {
  everywhere: boolean;
  browserGivesHeaders: boolean;
  requested: boolean;
  siteHasModel: boolean;
  /** A Set-Cookie listener covered the tab before its document request started. */
  listenerWasLive: boolean;
  startedAt: number;
}

/** Whether a visit's tab gets a Set-Cookie listener, and the evidence the visit will have. */
export function evidenceOfVisit(input: VisitEvidenceInput): TabEvidence {
  if (input.browserGivesHeaders) return { level: 'full', reason: 'browser' };
  if (input.everywhere) return { level: 'full', reason: 'everywhere' };
  const reason: AuditReason | null = input.requested ? 'requested' : input.siteHasModel ? 'model' : null;
  if (reason === null) return { level: 'stored-cookies', reason: null };
  // A listener added for this visit comes too late for the document's own response.
  return input.listenerWasLive ? { level: 'full', reason } : { level: 'partial', reason, since: input.startedAt };
}

/** A full audit asked for mid-visit: headers from now on, unless they were read already. */
export function evidenceAfterRequest(current: TabEvidence | undefined, now: number): TabEvidence {
  if (current && current.level !== 'stored-cookies') return current.reason === null ? { ...current, reason: 'requested' } : current;
  return { level: 'partial', reason: 'requested', since: now };
}

/** The audited tabs' state kept in storage.session, so a restarted worker re-adds its listeners. */
export const auditedTabsStateSchema = z.object({
  everywhere: z.boolean(),
  requested: z.array(z.number().int()),
  /** Tabs with a Set-Cookie listener, and the evidence of each tab's current visit. */
  listening: z.array(z.number().int()),
  evidence: z.record(z.string().regex(/^\d+$/), tabEvidenceSchema),
});
export type AuditedTabsState = z.infer<typeof auditedTabsStateSchema>;
