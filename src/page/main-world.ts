/**
 * Main-world reader of the page's consent state: Cookiebot's object and events, the IAB
 * TCF API, and Google Consent Mode commands in dataLayer. It only reads: it wraps nothing
 * and defines nothing on the page, so the page cannot tell it is there. Natives are
 * captured first, before any page script runs (document_start).
 */
import { CONSENT_CHANNEL } from '../messaging/consent-channel';
import type { PageSignal as PageConsentSignal } from '../core/consent/from-page-signal';

const dispatch = EventTarget.prototype.dispatchEvent;
const listen = EventTarget.prototype.addEventListener;
const NativeCustomEvent = CustomEvent;
const stringify = JSON.stringify;
const now = Date.now;
const doc = document;
const win = window;

function emit(signal: PageConsentSignal): void {
  dispatch.call(doc, new NativeCustomEvent(CONSENT_CHANNEL, { detail: stringify(signal) }));
}

interface CookiebotLike {
  hasResponse?: boolean;
  declined?: boolean;
  consent?: { preferences?: boolean; statistics?: boolean; marketing?: boolean; method?: string };
}

function readCookiebot(eventName: string): void {
  const cb = (win as unknown as { Cookiebot?: CookiebotLike }).Cookiebot;
  if (!cb || typeof cb !== 'object') return;
  const consent = cb.consent ?? {};
  const explicit = cb.hasResponse === true;
  emit({
    source: 'cookiebot',
    at: now(),
    phase: explicit ? 'update' : 'default',
    explicit,
    granted: { preferences: consent.preferences === true, statistics: consent.statistics === true, marketing: consent.marketing === true },
    detail: `${eventName}${consent.method ? ` method=${String(consent.method)}` : ''}`,
  });
}

for (const name of ['CookiebotOnLoad', 'CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline', 'CookiebotOnDialogDisplay']) {
  listen.call(win, name, () => readCookiebot(name));
}

interface TcData {
  tcString?: string;
  eventStatus?: string;
  cmpId?: number;
  gdprApplies?: boolean;
}

let tcfHooked = false;
function hookTcf(): boolean {
  const api = (win as unknown as { __tcfapi?: (cmd: string, version: number, cb: (data: TcData, ok: boolean) => void) => void }).__tcfapi;
  if (typeof api !== 'function') return false;
  tcfHooked = true;
  try {
    api('addEventListener', 2, (data, ok) => {
      if (!ok || !data || typeof data.tcString !== 'string' || data.tcString === '') return;
      emit({
        source: 'iab-tcf',
        at: now(),
        phase: data.eventStatus === 'useractioncomplete' ? 'update' : 'default',
        explicit: data.eventStatus === 'useractioncomplete' || data.eventStatus === 'tcloaded',
        granted: {},
        detail: data.tcString.slice(0, 4_000),
        ...(typeof data.cmpId === 'number' ? { cmpId: data.cmpId } : {}),
      });
    });
  } catch {
    // A broken CMP is the page's problem; the audit then has no TCF signal.
  }
  return true;
}

// dataLayer entries are `arguments` objects pushed by gtag(); read them, never wrap push.
let dataLayerSeen = 0;
function readDataLayer(): void {
  const layer = (win as unknown as { dataLayer?: unknown }).dataLayer;
  if (!Array.isArray(layer)) return;
  for (; dataLayerSeen < layer.length; dataLayerSeen += 1) {
    const entry = layer[dataLayerSeen] as ArrayLike<unknown> | undefined;
    if (!entry || typeof entry !== 'object' || entry[0] !== 'consent') continue;
    const command = entry[1];
    const params = entry[2] as Record<string, unknown> | undefined;
    if ((command !== 'default' && command !== 'update') || !params || typeof params !== 'object') continue;
    const granted = (key: string): boolean | undefined => (params[key] === 'granted' ? true : params[key] === 'denied' ? false : undefined);
    emit({
      source: 'google-consent-mode',
      at: now(),
      phase: command,
      explicit: command === 'update',
      granted: {
        marketing: granted('ad_storage'),
        statistics: granted('analytics_storage'),
        preferences: granted('functionality_storage') ?? granted('personalization_storage'),
      },
      detail: `consent ${command}`,
    });
  }
}

// Polling is read-only and stops early; TCF CMPs and dataLayer may appear at any time.
let ticks = 0;
const timer = setInterval(() => {
  ticks += 1;
  if (!tcfHooked) hookTcf();
  readDataLayer();
  if (ticks > 600) clearInterval(timer);
}, 100);
listen.call(doc, 'DOMContentLoaded', () => {
  if (!tcfHooked) hookTcf();
  readDataLayer();
});
