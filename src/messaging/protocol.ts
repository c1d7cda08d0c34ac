/**
 * The one message contract between content script, background and popup. Message names
 * exist only here. Content-script messages come from pages we audit and are untrusted:
 * the background parses them with these schemas before use.
 */
import { z } from 'zod';
import type { TabSummary } from '../core/observe/summarise-tab';
import type { TabState } from '../core/observe/tab-state';
import type { AuditReport } from '../core/audit/report-types';
import type { RequestLog } from '../core/report/request-log';
import type { PolicyError } from '../core/policy/load-policy';
import type { PolicyModel } from '../core/policy/schema';
import type { DraftLanguage, DraftModelResponse, ImportModelResponse, ModelFormat, ModelListing, SimpleResponse } from './options-payloads';
import type { PopupView } from './popup-view';
import { structuredDocumentSchema } from '../core/draft/document/structured-document';
import type { StructuredDocument } from '../core/draft/document/structured-document';
import { consentObservationSchema } from '../core/observe/tab-state-schema';
import { CONSENT_TOOLS } from '../core/consent/consent-state';
import { pageDeclarationsSchema } from '../core/policy/page-declaration/page-declaration';
import type { PageDeclaration } from '../core/policy/page-declaration/page-declaration';
import { eachItem, pageText } from './page-items';

/** A page offers a handful of privacy links; more is noise. */
const POLICY_LINKS_PER_MESSAGE = 20;

// Page data is validated item by item (page-items.ts): oversized names are clipped, long lists
// keep their first items and count the rest, so one hostile item never hides the others.

/**
 * The message's place in its stream: the sending document's random id and the number of
 * this message among the document's messages of its kind (from 1). The content script's
 * sender stamps it (src/content/runtime.ts); the background records skipped numbers as a gap
 * (src/core/observe/message-sequence.ts). Optional so that a message without one is still
 * taken, only not counted.
 */
const sequence = { seq: z.object({ doc: z.string().min(1).max(40), n: z.number().int().positive() }).optional() };

export const contentToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('content/storage-snapshot'),
    ...sequence,
    area: z.enum(['localStorage', 'sessionStorage', 'indexedDB']),
    origin: pageText,
    frameUrl: pageText,
    entries: eachItem(z.object({ key: pageText, size: z.number().int().nonnegative() })),
    /** The document's first read of this area, made before its scripts ran (Web Storage only). */
    initial: z.boolean().optional(),
    /** Milliseconds since this document's previous read of the area: a key new in this read was written within them. */
    previousReadAgoMs: z.number().nonnegative().optional(),
  }),
  z.object({
    type: z.literal('content/resources'),
    ...sequence,
    frameUrl: pageText,
    items: eachItem(z.object({ element: z.enum(['script', 'iframe']), url: pageText })),
  }),
  z.object({
    type: z.literal('content/consent-signal'),
    ...sequence,
    signal: z.object({
      source: z.enum(['cookiebot', 'iab-tcf', 'google-consent-mode']),
      at: z.number(),
      phase: z.enum(['default', 'update', 'withdraw']),
      explicit: z.boolean(),
      granted: z.object({ preferences: z.boolean().optional(), statistics: z.boolean().optional(), marketing: z.boolean().optional() }),
      detail: pageText.nullable(),
      cmpId: z.number().int().optional(),
    }),
  }),
  /**
   * A consent tool's Web Storage record (or, around a click, its cookie as document.cookie
   * shows it) as the isolated content script read it: only the reading, never the value. Sent
   * when the reading changes; `carried` when the record was already there as the document
   * started (an earlier visit's choice).
   */
  z.object({
    type: z.literal('content/consent-record'),
    ...sequence,
    store: z.enum(['localStorage', 'sessionStorage', 'cookie']),
    name: z.string().max(200),
    at: z.number(),
    carried: z.boolean(),
    reading: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('choice'), observation: consentObservationSchema }),
      z.object({ kind: z.literal('no-choice'), tool: z.enum(CONSENT_TOOLS) }),
      z.object({ kind: z.literal('unreadable'), tool: z.enum(CONSENT_TOOLS), reason: z.string().max(200) }),
      z.object({ kind: z.literal('removed') }),
    ]),
  }),
  z.object({
    type: z.literal('content/policy-links'),
    ...sequence,
    links: eachItem(z.object({ url: pageText, text: pageText }), POLICY_LINKS_PER_MESSAGE),
  }),
]);

/** What a content script sends. */
export type ContentToBackground = z.input<typeof contentToBackgroundSchema>;
/** What a content script hands its sender, which numbers it (`seq`). */
export type ContentNotification = ContentToBackground extends infer M ? (M extends unknown ? Omit<M, 'seq'> : never) : never;
/** What the background reads from it after parsing (names clipped, lists as kept items and a count). */
export type ParsedContentToBackground = z.output<typeof contentToBackgroundSchema>;

/** Requests from the background to a tab's content script (top frame). */
export interface BackgroundToContent {
  'content/get-page-text': { request: Record<never, never>; response: { url: string; title: string; text: string } };
  /** The page as structure (headings, paragraphs, lists, tables), read in the isolated world. */
  'content/get-page-document': { request: Record<never, never>; response: { url: string; document: StructuredDocument } };
  /** The consent tools' cookie declarations the page shows (Cookiebot's tables, OneTrust's list), read in the isolated world. */
  'content/get-consent-declarations': { request: Record<never, never>; response: { url: string; lang: string; declarations: PageDeclaration[] } };
}

export type PageTextResponse = { ok: true; url: string; host: string; title: string; text: string } | { ok: false; message: string };

/** The page text a content script answers: parsed, since it comes from a page. */
export const pageTextSchema = z.object({ url: z.string().max(4_096), title: z.string().max(1_000), text: z.string().max(1_000_000) });

export type PageDocumentResponse = { ok: true; url: string; host: string; document: StructuredDocument } | { ok: false; message: string };

/** The structured page a content script answers: parsed, since it comes from a page. */
export const pageDocumentSchema = z.object({ url: z.string().max(4_096), document: structuredDocumentSchema });

/** The declarations a content script answers: parsed, since the page controls every string. */
export const consentDeclarationsAnswerSchema = z.object({ url: z.string().max(4_096), lang: z.string().max(40), declarations: pageDeclarationsSchema });

/**
 * Requests from the options page and what each one answers; Payloads are `{ type, ...request }` like the popup's.
 */
export interface OptionsRequests {
  'options/list-models': { request: Record<never, never>; response: ModelListing };
  'options/import-model': { request: { text: string; fileName: string }; response: ImportModelResponse };
  'options/export-model': {
    request: { id: string; format: ModelFormat };
    response: { ok: true; fileName: string; text: string } | { ok: false; message: string };
  };
  'options/delete-model': { request: { id: string }; response: SimpleResponse };
  'options/assign-domain': { request: { domain: string; modelId: string }; response: SimpleResponse };
  'options/unassign-domain': { request: { domain: string }; response: SimpleResponse };
  /** Merge a consent tool's cookie declaration into a model as a second declared source. */
  'options/import-declaration': {
    request: { modelId: string; kind: 'cookiebot' | 'onetrust'; text: string; document: string };
    response: { ok: true; cookies: number; modelId: string } | { ok: false; message: string };
  };
  /** The text of the page open in a tab (the shop's privacy page), read in the user's browser. */
  'options/page-text': { request: { tabId: number }; response: PageTextResponse };
  /** The page open in a tab as a structured document (headings, tables), read in the user's browser. */
  'options/page-document': { request: { tabId: number }; response: PageDocumentResponse };
  /** Draft from `page` (structured, from the tab or pasted HTML) when given, else from `text`. */
  'options/draft-model': {
    request: { text: string; page?: StructuredDocument; language: DraftLanguage; keepClaimIds?: string[] };
    response: DraftModelResponse;
  };
  /** The user's settings (today one: the optional main-world consent reader, off by default). */
  'options/get-settings': { request: Record<never, never>; response: { pageConsentReader: boolean } };
  /** Turn the page-reported consent reader on or off (registers or unregisters its scripts). */
  'options/set-page-consent-reader': { request: { on: boolean }; response: SimpleResponse };
  /** The fingerprint of the key that signs exported evidence bundles, or null (bundles unsigned). */
  'options/get-signing-key': { request: Record<never, never>; response: { fingerprint: string | null } };
  /** Stores (64 hex digits) or removes (null) the signing key, in the extension's own storage only. */
  'options/set-signing-key': { request: { secretKey: string | null }; response: SimpleResponse };
}

/** Requests from extension pages (popup, options, the CLI's control page) and what each one answers. */
export interface PopupRequests extends OptionsRequests {
  'popup/get-view': { request: { tabId: number }; response: PopupView };
  'popup/get-tab-summary': { request: { tabId: number }; response: TabSummary | null };
  'popup/get-tab-state': { request: { tabId: number }; response: TabState | null };
  'popup/get-report': { request: { tabId: number }; response: AuditReport | null };
  /**
   * The tab's request log (every request with its company and consent state), asked for when
   * the Requests tab opens or the log is exported: it can hold 20,000 rows, so it never rides
   * along with the view sent at popup open. Null when the tab has no visit.
   */
  'popup/get-request-log': { request: { tabId: number }; response: RequestLog | null };
  /** The model drafted from the consent tool's declaration on the tab's page (the CLI re-audits with it), or null. */
  'popup/get-declared-model': { request: { tabId: number }; response: PolicyModel | null };
  /** The model the tab's report rests on (null: the legal baseline), sealed in the popup's evidence bundle. */
  'popup/get-report-model': { request: { tabId: number }; response: PolicyModel | null };
  /** The stored signing key (hex), for the popup to sign the bundle it exports; null when none is set. */
  'popup/get-signing-key': { request: Record<never, never>; response: { secretKey: string } | null };
  /** The CLI's --policy: import a model and make it apply to `host`. */
  'cli/use-policy': {
    request: { text: string; fileName: string; host: string };
    response: { ok: true; modelId: string } | { ok: false; errors: PolicyError[] };
  };
}

export type PopupRequestType = keyof PopupRequests;
export type PopupMessage = { [K in PopupRequestType]: { type: K } & PopupRequests[K]['request'] }[PopupRequestType];

const tabId = z.number().int();

/** Extension pages are trusted, but their messages are still parsed: a bug must not crash the worker. */
export const popupMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('popup/get-tab-summary'), tabId }),
  z.object({ type: z.literal('popup/get-tab-state'), tabId }),
  z.object({ type: z.literal('popup/get-report'), tabId }),
  z.object({ type: z.literal('popup/get-request-log'), tabId }),
  z.object({ type: z.literal('popup/get-declared-model'), tabId }),
  z.object({ type: z.literal('popup/get-report-model'), tabId }),
  z.object({ type: z.literal('popup/get-view'), tabId }),
  z.object({ type: z.literal('options/list-models') }),
  z.object({ type: z.literal('options/import-model'), text: z.string().max(2_000_000), fileName: z.string().max(500) }),
  z.object({ type: z.literal('options/export-model'), id: z.string().max(200), format: z.enum(['yaml', 'json']) }),
  z.object({ type: z.literal('options/delete-model'), id: z.string().max(200) }),
  z.object({ type: z.literal('options/assign-domain'), domain: z.string().max(253), modelId: z.string().max(200) }),
  z.object({ type: z.literal('options/unassign-domain'), domain: z.string().max(253) }),
  z.object({ type: z.literal('options/page-text'), tabId }),
  z.object({ type: z.literal('options/page-document'), tabId }),
  z.object({
    type: z.literal('options/import-declaration'),
    modelId: z.string().max(200),
    kind: z.enum(['cookiebot', 'onetrust']),
    text: z.string().max(5_000_000),
    document: z.string().max(2_000),
  }),
  z.object({
    type: z.literal('options/draft-model'),
    text: z.string().max(2_000_000),
    page: structuredDocumentSchema.optional(),
    language: z.enum(['nl', 'de', 'en', 'fr', 'it', 'es', 'da', 'sv', 'auto']),
    keepClaimIds: z.array(z.string().max(200)).max(10_000).optional(),
  }),
  z.object({ type: z.literal('options/get-settings') }),
  z.object({ type: z.literal('options/set-page-consent-reader'), on: z.boolean() }),
  z.object({ type: z.literal('options/get-signing-key') }),
  z.object({
    type: z.literal('options/set-signing-key'),
    secretKey: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
  }),
  z.object({ type: z.literal('popup/get-signing-key') }),
  z.object({ type: z.literal('cli/use-policy'), text: z.string().max(2_000_000), fileName: z.string().max(500), host: z.string().max(253) }),
]);

// A payload change must break the build on both ends: schema and interface must agree.
type SchemaMatchesInterface =
  z.infer<typeof popupMessageSchema> extends PopupMessage ? (PopupMessage extends z.infer<typeof popupMessageSchema> ? true : false) : false;
const _SCHEMA_MATCHES_INTERFACE: SchemaMatchesInterface = true;
