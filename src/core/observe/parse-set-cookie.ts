import { parseString } from 'set-cookie-parser';
import type { CookieAttributes, SameSite } from '../observation';
import { lifetimeDays } from './cookie-lifetime';

/**
 * Attributes of one Set-Cookie header line, as the server asked for them. `requestHost`
 * supplies the domain of host-only cookies. The value is reduced to its length.
 * Returns null for a header without a cookie name.
 */
export function parseSetCookie(header: string, requestHost: string, receivedAt: number): CookieAttributes | null {
  const parsed = parseString(header, { decodeValues: false });
  if (!parsed) return null;
  const name = parsed.name.trim();
  if (name === '') return null;
  const domainAttr = parsed.domain?.trim().replace(/^\./, '').toLowerCase();
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3); Max-Age <= 0 deletes the cookie.
  let expiresAt: number | null = null;
  if (parsed.maxAge !== undefined && Number.isFinite(parsed.maxAge)) {
    expiresAt = receivedAt + parsed.maxAge * 1000;
  } else if (parsed.expires && !Number.isNaN(parsed.expires.getTime())) {
    expiresAt = parsed.expires.getTime();
  }
  return {
    name,
    domain: domainAttr && domainAttr !== '' ? domainAttr : requestHost,
    path: parsed.path ?? '/',
    hostOnly: !domainAttr,
    secure: parsed.secure === true,
    httpOnly: parsed.httpOnly === true,
    sameSite: toSameSite(parsed.sameSite),
    partitioned: parsed.partitioned === true,
    session: expiresAt === null,
    expiresAt,
    lifetimeDays: lifetimeDays(expiresAt, receivedAt),
    valueLength: parsed.value.length,
  };
}

export function toSameSite(value: string | undefined): SameSite {
  switch (value?.toLowerCase()) {
    case 'strict':
      return 'strict';
    case 'lax':
      return 'lax';
    case 'none':
    case 'no_restriction':
      return 'none';
    default:
      return 'unspecified';
  }
}
