import type { RequestObservation } from '../observation';

/**
 * What makes a request to a marketing or statistics vendor tracking rather than a plain load
 * of its library, stylesheet or font. The EDPB's Guidelines 2/2023 on the technical scope of
 * art. 5(3) ePrivacy name tracking pixels, URL tracking and unique identifiers; a request is
 * graded by what it carries, not by whose host it goes to:
 *
 * - `identifier-param`: a query parameter that carries a visitor, client or click identifier
 *   (IDENTIFIER_PARAMS: Google's `cid` / `_gid` / `gclid`, Meta's `_fbp` / `fbclid`, …);
 * - `tracking-endpoint`: a path segment of a known hit or pixel endpoint (TRACKING_PATH_SEGMENTS:
 *   `/collect`, `/tr`, `/pixel`, `/beacon`, …);
 * - `beacon`: `navigator.sendBeacon` or a hyperlink ping (resource type `ping` / `beacon`);
 * - `pixel`: an image requested with two or more query parameters (a 1×1 hit; the browser does
 *   not say an image's size, and a static image needs no parameters);
 * - `sends-data`: a POST, or a WebSocket, which carries whatever the page puts in it.
 *
 * Stored or read identifiers are graded in the rule: a vendor that stores a cookie or storage
 * key in this visit, or whose host receives a cookie from the jar, tracks with every request.
 */
export type RequestTrackingSignal = 'identifier-param' | 'tracking-endpoint' | 'beacon' | 'pixel' | 'sends-data';

/** Query parameters that carry an identifier of the visitor, the browser or a click. */
const IDENTIFIER_PARAMS: ReadonlySet<string> = new Set([
  'cid',
  'uid',
  'user_id',
  'userid',
  'client_id',
  'clientid',
  'visitor_id',
  'visitorid',
  'vid',
  'device_id',
  'deviceid',
  'anonymous_id',
  'anonymousid',
  'uuid',
  'guid',
  '_ga',
  '_gid',
  'gclid',
  'gbraid',
  'wbraid',
  'dclid',
  '_fbp',
  'fbp',
  '_fbc',
  'fbc',
  'fbclid',
  'msclkid',
  'ttclid',
  'li_fat_id',
  '_hjid',
  'ecid',
  'mid',
]);

/** Path segments of known hit, pixel and beacon endpoints. */
const TRACKING_PATH_SEGMENTS: ReadonlySet<string> = new Set([
  'collect',
  'tr',
  'pixel',
  'beacon',
  'track',
  'tracking',
  'ping',
  'conversion',
  'viewthroughconversion',
  'activity',
  'ga-audiences',
  '__utm.gif',
  'p.gif',
  'b.gif',
  'i.gif',
  'pixel.gif',
]);

const BEACON_TYPES: ReadonlySet<string> = new Set(['ping', 'beacon']);
const PIXEL_MIN_PARAMS = 2;

/** The first tracking signal a request carries, or null for a plain load. */
export function requestTrackingSignal(r: Pick<RequestObservation, 'url' | 'method' | 'resourceType'>): RequestTrackingSignal | null {
  if (BEACON_TYPES.has(r.resourceType)) return 'beacon';
  let url: URL;
  try {
    url = new URL(r.url);
  } catch {
    return null;
  }
  for (const name of url.searchParams.keys()) if (IDENTIFIER_PARAMS.has(name.toLowerCase())) return 'identifier-param';
  for (const segment of url.pathname.toLowerCase().split('/')) if (TRACKING_PATH_SEGMENTS.has(segment)) return 'tracking-endpoint';
  if (r.resourceType === 'image' && [...url.searchParams.keys()].length >= PIXEL_MIN_PARAMS) return 'pixel';
  if (r.method.toUpperCase() === 'POST' || r.resourceType === 'websocket') return 'sends-data';
  return null;
}
