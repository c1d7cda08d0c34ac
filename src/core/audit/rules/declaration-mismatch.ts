import type { SourceDiscrepancy } from '../../policy/compare-sources';
import { compareSources } from '../../policy/compare-sources';
import type { FindingMessage } from '../finding-message';
import { finding, type Rule } from '../rule';

/** Where the policy text and the consent tool's cookie declaration disagree, that is itself a discrepancy. */
export const declarationMismatch: Rule = {
  id: 'policy-declaration-mismatch',
  description: "The policy text and the consent tool's cookie declaration disagree (a vendor in one only, different lifetimes or categories).",
  defaultSeverity: 'low',
  check(ctx) {
    if (!ctx.policy) return [];
    const vendorSetsCookies = (vendorId: string): boolean => ctx.index.vendorById(vendorId)?.cookies.some((c) => c.type === 'cookie') === true;
    return compareSources(ctx.policy, { vendorSetsCookies }).map((d, i) =>
      finding({
        ruleId: this.id,
        subjectKey: `${d.kind}:${d.processorId ?? ''}:${'cookie' in d ? d.cookie : ''}:${i}`,
        severity: 'low',
        message: messageOf(d),
        subject: { kind: 'processor', label: d.processorId ?? ('cookie' in d ? d.cookie : 'declaration'), vendorId: null, processorId: d.processorId },
        evidence: [],
        clause: ctx.clause((d.text ?? d.declaration)!),
      }),
    );
  },
};

function messageOf(d: SourceDiscrepancy): FindingMessage {
  switch (d.kind) {
    case 'processor-only-in-text':
      return { code: 'policy-declaration-mismatch.processor-only-in-text', params: { processor: d.processorName } };
    case 'processor-only-in-declaration':
      return { code: 'policy-declaration-mismatch.processor-only-in-declaration', params: { processor: d.processorName } };
    case 'lifetime-mismatch':
      return { code: 'policy-declaration-mismatch.lifetime', params: { cookie: d.cookie, textDays: d.textDays, declaredDays: d.declaredDays, limit: d.limit } };
    case 'category-mismatch':
      return {
        code: 'policy-declaration-mismatch.category',
        params: { cookie: d.cookie, textCategory: d.textCategory, declaredCategory: d.declaredCategory, processor: d.processorName },
      };
    case 'first-party-mismatch':
      return { code: 'policy-declaration-mismatch.first-party', params: { cookie: d.cookie, category: d.categoryName, declaredFor: d.declaredFor } };
  }
}
