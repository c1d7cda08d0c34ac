import type { IntegrityProblem } from '../core/report/evidence-bundle';

/** The `verify_problem` catalogue message's select value and arguments for a bundle's integrity problem. */
export function verifyProblemArgs(problem: IntegrityProblem): { code: string; key: string } {
  switch (problem.code) {
    case 'byte_order_mark':
    case 'hash_mismatch':
      return { code: problem.code, key: '' };
    case 'duplicate_key':
      return { code: problem.code, key: problem.key };
    case 'signature_malformed':
    case 'signature_fingerprint_mismatch':
    case 'signature_invalid':
      return { code: 'signature', key: '' };
    default:
      return { code: 'other', key: '' };
  }
}
