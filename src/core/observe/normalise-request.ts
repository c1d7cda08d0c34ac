import type { FrameNode, FrameRef, RequestObservation } from '../observation';
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
  /** Chrome 106+: the document that issued the request, and its parent's. */
  documentId?: string;
  parentDocumentId?: string;
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
  tree: Readonly<Record<number, FrameNode>> = {},
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
    frame: frameOf(details, frameUrls, tree),
    initiator: details.initiator ?? null,
    startedAt: details.timeStamp,
    status: null,
    error: null,
  };
}

/**
 * The frame that issued a request. A sub_frame request is issued by its parent frame. The
 * frame's place in the tree (parent, type, document id) comes from the browser when it says,
 * else from the visit's frame tree, so evidence names the frame that did it.
 */
export function frameOf(details: WebRequestDetails, frameUrls: Readonly<Record<number, string>>, tree: Readonly<Record<number, FrameNode>> = {}): FrameRef {
  const subFrameRequest = details.type === 'sub_frame';
  const issuer = subFrameRequest ? details.parentFrameId : details.frameId;
  // Chromium can give the tab's top document a frame id other than 0 (seen on pages opened
  // by automation, and for prerendered pages); its frame type still says it is the top one.
  const issuedByTop = subFrameRequest
    ? tree[issuer]?.frameType === 'outermost_frame' || (details.parentDocumentId !== undefined && details.parentDocumentId === tree[0]?.documentId)
    : details.frameType === 'outermost_frame';
  if (details.type === 'main_frame' || issuer <= 0 || issuedByTop) {
    const ref: FrameRef = { frameId: 0, kind: 'top', url: details.type === 'main_frame' ? truncateUrl(details.url) : (frameUrls[0] ?? null) };
    const documentId = details.type === 'main_frame' ? undefined : subFrameRequest ? details.parentDocumentId : details.documentId;
    return withTreeFields(
      ref,
      -1,
      details.type === 'main_frame' ? details.frameType : (tree[0]?.frameType ?? undefined),
      documentId ?? tree[0]?.documentId ?? undefined,
    );
  }
  const node = tree[issuer];
  const ref: FrameRef = { frameId: issuer, kind: 'sub', url: details.documentUrl ?? frameUrls[issuer] ?? null };
  if (subFrameRequest) return withTreeFields(ref, node?.parentFrameId, node?.frameType ?? undefined, details.parentDocumentId ?? node?.documentId ?? undefined);
  return withTreeFields(ref, details.parentFrameId, details.frameType ?? node?.frameType ?? undefined, details.documentId ?? node?.documentId ?? undefined);
}

/** The frame-tree node a main_frame or sub_frame request creates. */
export function frameNodeOf(details: WebRequestDetails): FrameNode | null {
  if (details.type !== 'main_frame' && details.type !== 'sub_frame') return null;
  return {
    frameId: details.type === 'main_frame' ? 0 : details.frameId,
    parentFrameId: details.type === 'main_frame' ? -1 : details.parentFrameId,
    url: truncateUrl(details.url),
    frameType: details.frameType ?? null,
    // A navigation's document does not exist yet at onBeforeRequest; the content script's sender gives it later.
    documentId: null,
    parentDocumentId: details.parentDocumentId ?? null,
  };
}

/** Tree fields go in only when the browser told something of the tree (Chrome 106+): older logs and Firefox stay as they were. */
function withTreeFields(ref: FrameRef, parentFrameId: number | undefined, frameType: string | undefined, documentId: string | undefined): FrameRef {
  if (frameType === undefined && documentId === undefined) return ref;
  if (parentFrameId !== undefined) ref.parentFrameId = parentFrameId;
  if (frameType !== undefined) ref.frameType = frameType;
  if (documentId !== undefined) ref.documentId = documentId;
  return ref;
}

export function truncateUrl(url: string): string {
  return url.length > TAB_LIMITS.urlLength ? `${url.slice(0, TAB_LIMITS.urlLength)}…` : url;
}
