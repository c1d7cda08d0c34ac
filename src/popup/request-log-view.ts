import type { Party } from '../core/observation';
import { REQUEST_CONSENT_PHASES, type RequestConsentPhase } from '../core/report/request-log';
import type { RequestLogFilter } from '../core/report/request-log-filter';

/**
 * Rows the Requests tab renders at first, and adds per "show more": a page of 20,000 requests
 * would take seconds to render at once; 200 rows render in a few milliseconds and fill the
 * popup many times over. (No virtual list: the rows differ in height — paths wrap — and a
 * button is as usable with the keyboard as with a mouse.)
 */
export const REQUEST_LOG_PAGE = 200;

/** The filter selects' values: '' stands for "all". */
export interface RequestLogChoices {
  vendorKey: string;
  category: string;
  party: string;
  phase: string;
}

export const ALL_REQUESTS: RequestLogChoices = { vendorKey: '', category: '', party: '', phase: '' };

const PARTIES: ReadonlySet<string> = new Set<Party>(['first', 'third']);
const PHASES: ReadonlySet<string> = new Set<string>(REQUEST_CONSENT_PHASES);

export function filterOfChoices(choices: RequestLogChoices): RequestLogFilter {
  return {
    vendorKey: choices.vendorKey || null,
    category: choices.category || null,
    party: PARTIES.has(choices.party) ? (choices.party as Party) : null,
    phase: PHASES.has(choices.phase) ? (choices.phase as RequestConsentPhase) : null,
  };
}

/** How many rows to show next: one more page, never more than there are. */
export function moreRows(shown: number, matching: number): number {
  return Math.min(matching, shown + REQUEST_LOG_PAGE);
}
