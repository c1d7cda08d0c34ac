import type { PolicyModel } from '../core/policy/schema';
import type { AuditRecord } from './audit-record';

/**
 * The model to seal with a record's evidence, so `verify` can audit its observations again:
 * the one the record carries (declared, or a --policy file), null for the legal baseline;
 * undefined for a bundled model, which the verifier has itself under the report's policy id
 * (sealing it would only cost the CLI the models' load time on every run).
 */
export function sealedPolicyModel(record: Extract<AuditRecord, { ok: true }>): PolicyModel | null | undefined {
  if (record.policyModel !== undefined) return record.policyModel;
  return record.report.policy ? undefined : null;
}
