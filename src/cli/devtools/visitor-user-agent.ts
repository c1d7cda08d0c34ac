import type { CdpConnection } from './cdp-connection';
import type { TargetHook } from './devtools-recorder';

/**
 * The user agent a visitor's Chromium of the same version sends. Headless Chromium names
 * itself `HeadlessChrome/<version>` in its user agent string (the navigator's, its workers'
 * and the request header), and some shops serve auditors a cleaner page. The client hints
 * (`navigator.userAgentData`, `Sec-CH-UA*`) already name the real brands and version; they
 * are kept exactly, since an override without them would empty `userAgentData` and the
 * `--user-agent` switch empties the full version list, both giveaways of their own.
 */

/** The DevTools protocol's `Emulation.UserAgentMetadata`, as the browser itself reports it. */
export interface UserAgentMetadata {
  brands: Array<{ brand: string; version: string }>;
  fullVersionList: Array<{ brand: string; version: string }>;
  fullVersion: string;
  platform: string;
  platformVersion: string;
  architecture: string;
  model: string;
  mobile: boolean;
  bitness: string;
  wow64: boolean;
  formFactors: string[];
}

/** What `navigator.userAgentData.getHighEntropyValues` answers (fields the browser may leave out). */
export interface HighEntropyValues {
  brands?: Array<{ brand: string; version: string }>;
  fullVersionList?: Array<{ brand: string; version: string }>;
  uaFullVersion?: string;
  platform?: string;
  platformVersion?: string;
  architecture?: string;
  model?: string;
  mobile?: boolean;
  bitness?: string;
  wow64?: boolean;
  formFactors?: string[];
}

/** The hints to ask `getHighEntropyValues` for: all of `UserAgentMetadata`. */
export const HIGH_ENTROPY_HINTS = ['architecture', 'bitness', 'formFactors', 'fullVersionList', 'model', 'platformVersion', 'uaFullVersion', 'wow64'] as const;

export interface VisitorUserAgent {
  userAgent: string;
  metadata: UserAgentMetadata;
}

const HEADLESS_PRODUCT = /\bHeadlessChrome\//g;
const HEADLESS_BRAND = /headless/i;

/** The browser's own user agent and hints with the headless marks taken out; nothing else changes. */
export function visitorUserAgent(browserUserAgent: string, hints: HighEntropyValues): VisitorUserAgent {
  const keep = (list: Array<{ brand: string; version: string }> | undefined) => (list ?? []).filter((b) => !HEADLESS_BRAND.test(b.brand));
  return {
    userAgent: browserUserAgent.replace(HEADLESS_PRODUCT, 'Chrome/'),
    metadata: {
      brands: keep(hints.brands),
      fullVersionList: keep(hints.fullVersionList),
      fullVersion: hints.uaFullVersion ?? '',
      platform: hints.platform ?? '',
      platformVersion: hints.platformVersion ?? '',
      architecture: hints.architecture ?? '',
      model: hints.model ?? '',
      mobile: hints.mobile ?? false,
      bitness: hints.bitness ?? '',
      wow64: hints.wow64 ?? false,
      formFactors: hints.formFactors ?? [],
    },
  };
}

/**
 * The protocol command that gives a target this user agent before its first script runs:
 * pages and frames through Emulation (navigator, requests, client hints; their dedicated
 * workers inherit it), workers through Network (their own requests and navigator). Null for
 * targets that have neither domain.
 */
export function userAgentCommand(kind: string, ua: VisitorUserAgent): { method: string; params: Record<string, unknown> } | null {
  const params = { userAgent: ua.userAgent, userAgentMetadata: ua.metadata };
  if (kind === 'page' || kind === 'iframe') return { method: 'Emulation.setUserAgentOverride', params };
  if (kind === 'worker' || kind === 'shared_worker' || kind === 'service_worker') return { method: 'Network.setUserAgentOverride', params };
  return null;
}

/** Gives every new target the visitor's user agent (through the recorder's connection, before the target runs). */
export function userAgentHook(cdp: CdpConnection, ua: VisitorUserAgent): TargetHook {
  return (target) => {
    const command = userAgentCommand(target.kind, ua);
    return command ? cdp.trySend(command.method, command.params, target.sessionId) : undefined;
  };
}
