/** The consent situations a page is audited in. */
export type ConsentScenario = 'none' | 'reject' | 'accept' | 'revoke';

export const CONSENT_SCENARIOS: readonly ConsentScenario[] = ['none', 'reject', 'accept', 'revoke'];

/** What each scenario does, for help texts and reports. */
export const SCENARIO_DESCRIPTIONS: Readonly<Record<ConsentScenario, string>> = {
  none: 'no choice: the banner is left open',
  reject: 'refuse all, then reload: what keeps running?',
  accept: 'accept all, then reload',
  revoke: 'accept all, withdraw consent through the consent tool, then reload',
};

/** Parses `--consent none|reject|accept|revoke|all` (comma lists allowed). */
export function parseScenarios(value: string): { ok: true; scenarios: ConsentScenario[] } | { ok: false; message: string } {
  const out: ConsentScenario[] = [];
  for (const part of value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    if (part === 'all') {
      for (const s of CONSENT_SCENARIOS) if (!out.includes(s)) out.push(s);
    } else if ((CONSENT_SCENARIOS as readonly string[]).includes(part)) {
      if (!out.includes(part as ConsentScenario)) out.push(part as ConsentScenario);
    } else {
      return { ok: false, message: `unknown consent scenario "${part}" (use ${CONSENT_SCENARIOS.join(', ')} or all)` };
    }
  }
  return out.length > 0 ? { ok: true, scenarios: out } : { ok: false, message: '--consent needs at least one scenario' };
}
