import { compareSources } from '../../policy/compare-sources';
import { finding, type Rule } from '../rule';

/** Where the policy text and the consent tool's cookie declaration disagree, that is itself a discrepancy. */
export const declarationMismatch: Rule = {
  id: 'policy-declaration-mismatch',
  description: "The policy text and the consent tool's cookie declaration disagree (a vendor in one only, different lifetimes or categories).",
  defaultSeverity: 'low',
  check(ctx) {
    if (!ctx.policy) return [];
    return compareSources(ctx.policy).map((d, i) =>
      finding({
        ruleId: this.id,
        subjectKey: `${d.kind}:${d.processorId ?? ''}:${'cookie' in d ? d.cookie : ''}:${i}`,
        severity: 'low',
        title: d.message,
        explanation: `The shop's own documents disagree: ${d.message}`,
        subject: { kind: 'processor', label: d.processorId ?? ('cookie' in d ? d.cookie : 'declaration'), vendorId: null, processorId: d.processorId },
        evidence: [],
        clause: ctx.clause((d.text ?? d.declaration)!),
      }),
    );
  },
};
