import { baselineClause } from '../../baseline/legal-baseline';
import type { ConsentObservation } from '../../consent/consent-state';
import { finding, type Rule } from '../rule';
import type { Finding } from '../report-types';

/**
 * Rule: refusing takes more than accepting. The CLI reads the consent banner's first layer
 * just before its consent automation acts (src/cli/banner-first-layer.ts): a first layer
 * that offers "accept" but no "reject" makes the visitor open the settings (or look for a
 * way out) to refuse, while accepting is one click. autoconsent's own path does not tell
 * this: its rules may refuse through the tool's API or a hidden button, and tick boxes
 * before accepting, so neither its clicks nor its success measure the visitor's effort.
 * The law is the baseline here; no shop model promises otherwise.
 */
export const refusalHarderThanAccepting: Rule = {
  id: 'refusal-harder-than-accepting',
  description: "The consent banner's first layer offers accepting but no way to refuse.",
  defaultSeverity: 'medium',
  check(ctx) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const o of ctx.consent.observations) {
      const layer = firstLayerOf(o);
      if (!layer || layer.accept === 0 || layer.reject > 0) continue;
      const key = layer.cmp ?? 'banner';
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(
        finding({
          ruleId: this.id,
          subjectKey: key,
          severity: 'medium',
          message: {
            code: 'refusal-harder-than-accepting',
            params: { tool: layer.cmp, acceptButtons: layer.accept, settingsButtons: layer.settings },
          },
          subject: { kind: 'consent-tool', label: layer.cmp ?? 'consent banner', vendorId: null, processorId: null },
          evidence: [{ type: 'consent', tool: o.tool, source: o.source, at: o.at, consent: ctx.consent.at(o.at), detail: o.detail }],
          clause: baselineClause('withdrawal', ctx.state.pageSite),
        }),
      );
    }
    return findings;
  },
};

function firstLayerOf(o: ConsentObservation): ConsentObservation['firstLayer'] {
  return o.source === 'visitor-action' ? o.firstLayer : undefined;
}
