/**
 * Chromium reports a service worker's requests (its own script included) with tabId -1:
 * no tab made them. They still belong to the pages the worker serves, so they are given to
 * every visit that has a document of the worker's origin, in the frame of that document.
 */

/** What routing needs of an onBeforeRequest event with no tab. */
export interface TablessRequest {
  url: string;
  /** Chrome: the origin that caused the request (the worker's, or the registering page's for the script). */
  initiator?: string;
  /** Firefox: the document or worker URL. */
  documentUrl?: string;
}

export interface VisitFrames {
  tabId: number;
  /** Frame id → document URL, as the visit learned them. */
  frames: Readonly<Record<number, string>>;
}

export interface ServiceWorkerTarget {
  tabId: number;
  /** The frame whose document shares the worker's origin (the top frame when it does). */
  frameId: number;
}

/**
 * The origin of the worker that made a tabless request; null when it cannot be told (an
 * opaque initiator, or one of the browser's or an extension's own).
 */
export function workerOriginOf(details: TablessRequest): string | null {
  const from = details.initiator ?? details.documentUrl;
  // A service worker's script and its update checks may come without an initiator: by spec
  // they are same-origin with the worker, so the URL's origin is the worker's.
  if (from === undefined) return originOf(details.url);
  return originOf(from);
}

/** The visits (and frames) a tabless request belongs to; empty when no open page has the worker's origin. */
export function serviceWorkerTargets(details: TablessRequest, visits: Iterable<VisitFrames>): ServiceWorkerTarget[] {
  const origin = workerOriginOf(details);
  if (origin === null) return [];
  const targets: ServiceWorkerTarget[] = [];
  for (const visit of visits) {
    let chosen: number | null = null;
    for (const [id, url] of Object.entries(visit.frames)) {
      if (originOf(url) !== origin) continue;
      const frameId = Number(id);
      if (chosen === null || frameId < chosen) chosen = frameId;
    }
    if (chosen !== null) targets.push({ tabId: visit.tabId, frameId: chosen });
  }
  return targets;
}

const ORIGIN = /^(https?|wss?):\/\/([^/?#]+)/i;

/** scheme://host[:port] of a URL, lower-cased; null for other schemes. */
export function originOf(url: string): string | null {
  const match = ORIGIN.exec(url);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  let authority = match[2]!.toLowerCase();
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  if ((scheme === 'https' && authority.endsWith(':443')) || (scheme === 'http' && authority.endsWith(':80'))) authority = authority.replace(/:\d+$/, '');
  return `${scheme}://${authority}`;
}
