import type { Finding } from '../report-types';
import { finding, type Rule } from '../rule';

/** Rule 11: a declared processor with known hosts that this visit never contacted (informational). */
export const declaredNotObserved: Rule = {
  id: 'declared-not-observed',
  description: 'A processor the policy names was not seen on this page (informational: it may run on other pages, e.g. checkout).',
  defaultSeverity: 'info',
  check(ctx) {
    if (!ctx.policy) return [];
    const seen = new Set<string>();
    for (const actor of ctx.actors.values()) for (const p of actor.processors) seen.add(p.id);
    const findings: Finding[] = [];
    for (const processor of ctx.policy.processors) {
      if (processor.kind !== 'service' || processor.hosts.length === 0 || seen.has(processor.id)) continue;
      findings.push(
        finding({
          ruleId: this.id,
          subjectKey: processor.id,
          severity: 'info',
          kind: 'notice',
          message: { code: 'declared-not-observed', params: { processor: processor.name } },
          subject: { kind: 'processor', label: processor.name, vendorId: processor.vendorId, processorId: processor.id },
          evidence: [],
          clause: ctx.clause(processor.source),
        }),
      );
    }
    return findings;
  },
};
