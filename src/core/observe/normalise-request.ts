import type { FrameRef, RequestObservation } from '../observation';
import { hostOf, siteOf } from '../site';
import { TAB_LIMITS } from './limits';

/** The fields PolicyLens reads from a webRequest onBeforeRequest event (Chrome and Firefox). */
export interface WebRequestDetails {
  requestId: string;
  url: string;
  method: string;
  type: string;
  frameId: number;
  parentFrameId: number;
  tabId: number;
  timeStamp: number;
  initiator?: string;
  /** Firefox gives the frame's document URL directly. */
  documentUrl?: string;
  /** Chrome 106+: 'outermost_frame' | 'fenced_frame' | 'sub_frame'. */
  frameType?: string;
  /** Firefox: the tab's cookie jar (a container, a private window); Chrome does not say. */
  cookieStoreId?: string;
}

/**
 * onBeforeRequest details → request observation. `frameUrls` maps frame ids of the visit to
 * the URL of their document (learned from main_frame/sub_frame requests), since Chrome
 * does not say which document inside the tab issued a request.
 */
export function fromWebRequestDetails(
  details: WebRequestDetails,
  pageSite: string,
  frameUrls: Readonly<Record<number, string>>,
): RequestObservation {
  const host = hostOf(details.url);
  const site = siteOf(host);
  return {
    kind: 'request',
    requestId: details.requestId,
    url: truncateUrl(details.url),
    host,
    site,
    party: site === pageSite ? 'first' : 'third',
    method: details.method,
    resourceType: details.type,
    frame: frameOf(details, frameUrls),
    initiator: details.initiator ?? null,
    startedAt: details.timeStamp,
    status: null,
    error: null,
  };
}

/** The frame that issued a request. A sub_frame request is issued by its parent frame. */
export function frameOf(details: WebRequestDetails, frameUrls: Readonly<Record<number, string>>): FrameRef {
  const issuer = details.type === 'sub_frame' ? details.parentFrameId : details.frameId;
  if (details.type === 'main_frame' || issuer <= 0) {
    return { frameId: 0, kind: 'top', url: details.type === 'main_frame' ? truncateUrl(details.url) : frameUrls[0] ?? null };
  }
  return { frameId: issuer, kind: 'sub', url: details.documentUrl ?? frameUrls[issuer] ?? null };
}

export function truncateUrl(url: string): string {
  return url.length > TAB_LIMITS.urlLength ? `${url.slice(0, TAB_LIMITS.urlLength)}…` : url;
}
