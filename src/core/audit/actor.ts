import type { ConsentCategory } from '../consent/consent-state';
import type { Processor } from '../policy/schema';
import type { Vendor } from '../vendors/schema';
import type { AttributionConfidence } from '../vendors/vendor-index';

/** Who is behind an observation: a known vendor, the shop itself, or an unknown site. */
export interface Actor {
  /** 'vendor:<id>', 'shop', or 'site:<eTLD+1>' for unknown third parties. */
  key: string;
  kind: 'vendor' | 'shop' | 'unknown';
  name: string;
  vendor: Vendor | null;
  /** The declared processors this actor maps to; empty when the policy does not name it. */
  processors: readonly Processor[];
  /** Where the identification came from. */
  source: 'policy' | 'catalogue' | 'extra' | 'shop' | 'unknown';
  organisation: string | null;
  legalEntity: string | null;
  country: string | null;
  consentCategory: ConsentCategory | 'unknown';
}

/** An actor plus how sure the link between one observation and that actor is. */
export interface Attribution {
  actor: Actor;
  confidence: AttributionConfidence | null;
  basis: string | null;
}

export function isDeclared(actor: Actor): boolean {
  return actor.kind === 'shop' || actor.processors.length > 0;
}
