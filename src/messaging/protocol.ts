/**
 * The one message contract between content script, background and popup. Message names
 * exist only here. Content-script messages come from pages we audit and are untrusted:
 * the background parses them with these schemas before use.
 */
import { z } from 'zod';
import type { TabSummary } from '../core/observe/summarise-tab';
import type { TabState } from '../core/observe/tab-state';
import type { AuditReport } from '../core/audit/report-types';

const MAX_ITEMS = 2_000;
const shortText = z.string().max(4_096);

export const contentToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('content/storage-snapshot'),
    area: z.enum(['localStorage', 'sessionStorage', 'indexedDB']),
    origin: shortText,
    frameUrl: shortText,
    entries: z.array(z.object({ key: shortText, size: z.number().int().nonnegative() })).max(MAX_ITEMS),
  }),
  z.object({
    type: z.literal('content/resources'),
    frameUrl: shortText,
    items: z.array(z.object({ element: z.enum(['script', 'iframe']), url: shortText })).max(MAX_ITEMS),
  }),
  z.object({
    type: z.literal('content/consent-signal'),
    signal: z.object({
      source: z.enum(['cookiebot', 'iab-tcf', 'google-consent-mode']),
      at: z.number(),
      phase: z.enum(['default', 'update', 'withdraw']),
      explicit: z.boolean(),
      granted: z.object({ preferences: z.boolean().optional(), statistics: z.boolean().optional(), marketing: z.boolean().optional() }),
      detail: z.string().max(4_096).nullable(),
      cmpId: z.number().int().optional(),
    }),
  }),
  z.object({
    type: z.literal('content/policy-links'),
    links: z.array(z.object({ url: shortText, text: shortText })).max(20),
  }),
]);

export type ContentToBackground = z.infer<typeof contentToBackgroundSchema>;

/** Requests from extension pages (popup, options) and what each one answers. */
export interface PopupRequests {
  'popup/get-tab-summary': { request: { tabId: number }; response: TabSummary | null };
  'popup/get-report': { request: { tabId: number }; response: AuditReport | null };
  'popup/get-tab-state': { request: { tabId: number }; response: TabState | null };
}

export type PopupRequestType = keyof PopupRequests;
export type PopupMessage = { [K in PopupRequestType]: { type: K } & PopupRequests[K]['request'] }[PopupRequestType];

export const POPUP_REQUEST_TYPES: ReadonlySet<string> = new Set<PopupRequestType>([
  'popup/get-tab-summary',
  'popup/get-tab-state',
  'popup/get-report',
]);

export const popupMessageSchema = z.object({ type: z.string(), tabId: z.number().int() });
