import type { ConsentCategory, ConsentObservation } from '../../consent/consent-state';
import type { AuditContext } from '../audit-context';
import type { EvidenceItem, Finding } from '../report-types';
import { finding, type Rule } from '../rule';

const OPTIONAL: readonly ConsentCategory[] = ['preferences', 'statistics', 'marketing'];
type Action = 'accept' | 'refuse' | 'withdraw';
type Granted = ConsentObservation['granted'];

/**
 * Rule: what the consent tool recorded differs from what the visitor did. The CLI's consent
 * automation stamps each click ('visitor-action'); the tool's stored record
 * ('consent-record') says what the tool will act on, on this visit and every later one.
 * - after a refusal or withdrawal the record grants marketing or statistics (or
 *   preferences): consent recorded that the visitor did not give (Cookie Glasses, S&P '20);
 * - after a refusal or withdrawal the tool stores nothing new: the refusal was never stored;
 * - after an acceptance the tool stores nothing that grants: a notice (it errs the safe way).
 * Only for tools PolicyLens reads: the visit must show at least one of their records (with a
 * choice or without), so a tool whose records are unknown to us never looks like one that
 * stores nothing.
 */
export const consentRecordMismatch: Rule = {
  id: 'consent-record-mismatch',
  description: 'The consent recorded by the consent tool differs from what the visitor did.',
  defaultSeverity: 'critical',
  check(ctx) {
    const observations = ctx.consent.observations;
    const actions = observations.filter((o) => o.source === 'visitor-action' && o.explicit).map((o) => ({ o, action: actionOf(o) }));
    const records = observations.filter((o) => o.source === 'consent-record');
    const notedTools = (ctx.state.consentRecordNotes ?? []).filter((n) => n.reading === 'no-choice').map((n) => n.tool);
    if (actions.length === 0 || (records.length === 0 && notedTools.length === 0)) return [];
    const tools = [...new Set([...records.map((r) => r.tool ?? 'other'), ...notedTools])].sort();
    const findings: Finding[] = [];
    actions.forEach(({ o: act, action }, i) => {
      if (!action) return;
      const until = actions[i + 1]?.o.at ?? Number.POSITIVE_INFINITY;
      // A refusal is stamped when the consent automation returned, after its click, and the tool
      // stores the answer during the call: a record written since the call began answers it.
      const since = act.calledAt ?? act.at;
      const stored = records.filter((r) => !r.carried && r.at >= since && r.at < until);
      const state = recordedState(records.filter((r) => r.carried || r.at < until));
      const grantedNow = OPTIONAL.filter((c) => state.granted[c] === true);
      const actionEvidence = consentEvidence(ctx, act);
      const key = `${action}@${act.at}`;
      if (action === 'accept') {
        if (stored.length === 0 && grantedNow.length === 0) {
          findings.push(
            finding({
              ruleId: this.id,
              subjectKey: `acceptance-not-stored:${key}`,
              severity: 'low',
              kind: 'notice',
              message: { code: 'consent-record-mismatch.acceptance-not-stored', params: { tools } },
              subject: { kind: 'consent-tool', label: tools.join(', '), vendorId: null, processorId: null },
              evidence: [actionEvidence],
              clause: null,
            }),
          );
        }
        return;
      }
      if (stored.length > 0 && grantedNow.length > 0) {
        const last = state.last;
        findings.push(
          finding({
            ruleId: this.id,
            subjectKey: `granted-after-refusal:${key}`,
            severity: grantedNow.includes('marketing') ? 'critical' : 'high',
            message: {
              code: 'consent-record-mismatch.granted-after-refusal',
              params: { action, tool: last?.tool ?? 'other', record: last?.record?.name ?? '', categories: grantedNow },
            },
            subject: { kind: 'consent-tool', label: last?.tool ?? 'other', vendorId: null, processorId: null },
            evidence: [actionEvidence, ...stored.map((r) => consentEvidence(ctx, r))],
            clause: null,
          }),
        );
      } else if (stored.length === 0) {
        findings.push(
          finding({
            ruleId: this.id,
            subjectKey: `refusal-not-stored:${key}`,
            severity: grantedNow.length > 0 ? 'high' : 'medium',
            message: { code: 'consent-record-mismatch.refusal-not-stored', params: { action, tools } },
            subject: { kind: 'consent-tool', label: tools.join(', '), vendorId: null, processorId: null },
            evidence: [actionEvidence, ...records.filter((r) => r.carried || r.at < act.at).map((r) => consentEvidence(ctx, r))],
            clause: null,
          }),
        );
      }
    });
    return findings;
  },
};

function actionOf(o: ConsentObservation): Action | null {
  if (o.phase === 'withdraw') return 'withdraw';
  if (o.detail === 'accept' || o.detail === 'refuse') return o.detail;
  return null;
}

/**
 * What the records say, on their own: the last record's tool, its categories merged over
 * that tool's records (as the consent timeline merges them).
 */
function recordedState(records: readonly ConsentObservation[]): { granted: Granted; last: ConsentObservation | null } {
  const byTool = new Map<string, Granted>();
  let last: ConsentObservation | null = null;
  for (const r of records) {
    const tool = r.tool ?? 'other';
    byTool.set(tool, { ...byTool.get(tool), ...r.granted });
    last = r;
  }
  return { granted: last ? (byTool.get(last.tool ?? 'other') ?? {}) : {}, last };
}

/** The record's name, never its value, and the categories it grants. */
function consentEvidence(ctx: AuditContext, o: ConsentObservation): EvidenceItem {
  const granted = OPTIONAL.filter((c) => o.granted[c] === true);
  const detail = o.source === 'consent-record' ? `${o.record?.name ?? ''} grants: ${granted.join(',') || 'none'}` : o.detail;
  return { type: 'consent', tool: o.tool, source: o.source, at: o.at, consent: ctx.consent.at(o.at), detail };
}
