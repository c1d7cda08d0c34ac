import { audit } from '../core/audit/audit';
import type { AuditReport, ReportPolicyOrigin } from '../core/audit/report-types';
import { upgradeLegacyCacheStorage } from '../core/observe/legacy-cache-storage';
import { tabStateSchema } from '../core/observe/tab-state-schema';
import type { TabState } from '../core/observe/tab-state';
import { formatPolicyError, loadPolicy } from '../core/policy/load-policy';
import { PolicyRegistry } from '../core/policy/registry';
import type { PolicyModel } from '../core/policy/schema';
import { nodeData } from '../data/node-data';
import { defaultVendorIndex } from './default-vendor-index';

/**
 * The pure audit over a saved observation log, without a browser, with the bundled
 * catalogue and models read from the source folders (src/data/node-data.ts).
 */

export type PolicyChoice =
  | { kind: 'file'; text: string; fileName: string }
  | { kind: 'bundled'; id: string }
  /** `--policy baseline`: no shop model, the legal baseline only. */
  | { kind: 'baseline' }
  /** The model the extension drafted from the consent tool's declaration on the page. */
  | { kind: 'declared'; model: PolicyModel }
  | { kind: 'default'; reportPolicyId: string | null };

export type ReauditResult =
  /** `model`: the one the report rests on (null: the legal baseline), sealed with the evidence. */
  { ok: true; report: AuditReport; observations: TabState; policyNote: string; model: PolicyModel | null } | { ok: false; errors: string[] };

/** Validates an observation log, picks the policy, and runs the same audit the extension runs. */
export function reauditObservations(observations: unknown, policy: PolicyChoice, now: number): ReauditResult {
  const parsed = tabStateSchema.safeParse(upgradeLegacyCacheStorage(observations));
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.slice(0, 10).map((i) => `observations.${i.path.map(String).join('.') || '(root)'}: ${i.message}`) };
  }
  const state = parsed.data as TabState;
  const models = nodeData.models();
  let chosen: { model: PolicyModel; origin: ReportPolicyOrigin } | null = null;
  let policyNote: string;
  switch (policy.kind) {
    case 'file': {
      const loaded = loadPolicy(policy.text, policy.fileName);
      if (!loaded.ok) return { ok: false, errors: loaded.errors.map(formatPolicyError) };
      chosen = { model: loaded.model, origin: 'user' };
      policyNote = `policy ${loaded.model.id} from ${policy.fileName}`;
      break;
    }
    case 'bundled': {
      const model = models.find((m) => m.id === policy.id);
      if (!model) return { ok: false, errors: [`no bundled policy model "${policy.id}" (bundled: ${models.map((m) => m.id).join(', ')})`] };
      chosen = { model, origin: 'bundled' };
      policyNote = `bundled policy ${model.id}`;
      break;
    }
    case 'baseline':
      policyNote = 'the legal baseline only (--policy baseline)';
      break;
    case 'declared':
      chosen = { model: policy.model, origin: 'consent-declaration' };
      policyNote = `the consent tool's declaration on the page (${policy.model.id})`;
      break;
    case 'default': {
      const named = policy.reportPolicyId ? models.find((m) => m.id === policy.reportPolicyId) : undefined;
      if (named) {
        chosen = { model: named, origin: 'bundled' };
        policyNote = `bundled policy ${named.id} (as in the saved report)`;
      } else {
        const match = PolicyRegistry.create(models).findModelForHost(state.pageHost);
        chosen = match ? { model: match.model, origin: match.origin } : null;
        policyNote = match ? `bundled policy ${match.model.id} (for ${match.matchedDomain})` : `no bundled policy for ${state.pageHost}`;
        if (policy.reportPolicyId && !named) policyNote += `; the saved report used "${policy.reportPolicyId}", which is not bundled: pass it with --policy`;
      }
      break;
    }
  }
  const report = audit({ state, policy: chosen, vendors: defaultVendorIndex(), now });
  return { ok: true, report, observations: state, policyNote, model: chosen?.model ?? null };
}
