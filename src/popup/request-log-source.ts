import { getContext, setContext } from 'svelte';
import type { RequestLog } from '../core/report/request-log';

/** Asks the background for the shown tab's request log (null: no tab, or no visit). */
export type RequestLogSource = () => Promise<RequestLog | null>;

const REQUEST_LOG_CONTEXT = Symbol('policylens-request-log');

/**
 * Lets the Requests tab fetch its rows on demand (`popup/get-request-log`) without the
 * report's tree of components passing the client and the tab down: the log is the one
 * thing below App that talks to the background. Call during App's init.
 */
export function provideRequestLogSource(source: RequestLogSource): void {
  setContext<RequestLogSource>(REQUEST_LOG_CONTEXT, source);
}

/** The source App provided; a component rendered outside App (a test of one panel) gets none. */
export function useRequestLogSource(): RequestLogSource | null {
  return getContext<RequestLogSource | undefined>(REQUEST_LOG_CONTEXT) ?? null;
}
