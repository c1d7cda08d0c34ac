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
        title: `No policy model for ${ctx.state.pageSite}`,
        explanation: `PolicyLens has no machine-readable model of ${ctx.state.pageSite}'s privacy policy, so it cannot say which companies and cookies the shop declares. Import a model or draft one from the policy text${links[0] ? ` (found: ${links[0].url})` : ''}.`,
        subject: { kind: 'shop', label: ctx.state.pageSite, vendorId: null, processorId: null },
        evidence: [],
        clause: null,
        absence: 'No policy model is installed for this site.',
      }),
    ];
  },
};
