import { finding, type Rule } from '../rule';

/** Rule 12: no policy model for this shop (informational; the popup offers import or drafting). */
export const noPolicyModel: Rule = {
  id: 'no-policy-model',
  description: 'There is no policy model for this shop, so only policy-independent checks ran. Import one or draft it from the policy text.',
  defaultSeverity: 'info',
  check(ctx) {
    if (ctx.policy) return [];
    const links = ctx.state.policyLinks;
    return [
      finding({
        ruleId: this.id,
        subjectKey: ctx.state.pageSite,
        severity: 'info',
        kind: 'notice',
        message: { code: 'no-policy-model', params: { site: ctx.state.pageSite, policyLink: links[0]?.url ?? null } },
        subject: { kind: 'shop', label: ctx.state.pageSite, vendorId: null, processorId: null },
        evidence: [],
        clause: null,
        absence: { code: 'no-model-installed', params: {} },
      }),
    ];
  },
};
