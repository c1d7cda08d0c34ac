import type { ConsentObservation } from './consent-state';
import { decodeTcf } from './decode-tcf';

/** A consent signal as the page's main world reports it (validated on every hop). */
export interface PageSignal {
  source: 'cookiebot' | 'iab-tcf' | 'google-consent-mode';
  at: number;
  phase: 'default' | 'update' | 'withdraw';
  explicit: boolean;
  granted: { preferences?: boolean; statistics?: boolean; marketing?: boolean };
  /** Cookiebot method, Consent Mode command, or the TC string (decoded in the background). */
  detail: string | null;
  cmpId?: number;
}

/**
 * A validated page signal → consent observation. A TC string is decoded here and then
 * dropped: only the categories and the CMP id are kept.
 */
export function fromPageSignal(signal: PageSignal): ConsentObservation | null {
  if (signal.source === 'iab-tcf') {
    const decoded = signal.detail ? decodeTcf(signal.detail) : null;
    if (!decoded) return null;
    return {
      kind: 'consent',
      at: signal.at,
      source: 'iab-tcf',
      tool: 'iab-tcf',
      phase: signal.phase,
      granted: decoded.granted,
      explicit: signal.explicit,
      detail: `cmpId=${decoded.cmpId} purposes=${decoded.purposeConsents.join(',')}`,
    };
  }
  const granted: ConsentObservation['granted'] = {};
  for (const key of ['preferences', 'statistics', 'marketing'] as const) {
    const value = signal.granted[key];
    if (value !== undefined) granted[key] = value;
  }
  return {
    kind: 'consent',
    at: signal.at,
    source: signal.source,
    tool: signal.source === 'cookiebot' ? 'cookiebot' : null,
    phase: signal.phase,
    granted,
    explicit: signal.explicit,
    detail: signal.detail ? signal.detail.slice(0, 200) : null,
  };
}
