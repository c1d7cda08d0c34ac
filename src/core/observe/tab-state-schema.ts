import { z } from 'zod';
import { TAB_STATE_VERSION, type TabState } from './tab-state';
import { CONSENT_SIGNAL_SOURCES, CONSENT_TOOLS } from '../consent/consent-state';
import { CONSENT_RECORD_NOTE_LIMIT } from './tab-state';
import { MAX_GAPS, SEQUENCED_MESSAGE_KINDS } from './observation-gaps';
import { MAX_MESSAGE_STREAMS } from './message-sequence';

const party = z.enum(['first', 'third']);
const frame = z.object({
  frameId: z.number().int(),
  kind: z.enum(['top', 'sub']),
  url: z.string().nullable(),
  parentFrameId: z.number().int().optional(),
  frameType: z.string().optional(),
  documentId: z.string().optional(),
});
const source = z.enum(['extension', 'devtools']).optional();
const frameNode = z.object({
  frameId: z.number().int(),
  parentFrameId: z.number().int(),
  url: z.string(),
  frameType: z.string().nullable(),
  documentId: z.string().nullable(),
  parentDocumentId: z.string().nullable(),
});

const cookieAttributes = {
  name: z.string(),
  domain: z.string(),
  path: z.string(),
  hostOnly: z.boolean(),
  secure: z.boolean(),
  httpOnly: z.boolean(),
  sameSite: z.enum(['strict', 'lax', 'none', 'unspecified']),
  partitioned: z.boolean(),
  session: z.boolean(),
  expiresAt: z.number().nullable(),
  lifetimeDays: z.number().nullable(),
  valueLength: z.number().int().nonnegative(),
};

export const requestObservationSchema = z.object({
  kind: z.literal('request'),
  requestId: z.string(),
  url: z.string(),
  host: z.string(),
  site: z.string(),
  party,
  method: z.string(),
  resourceType: z.string(),
  frame,
  initiator: z.string().nullable(),
  startedAt: z.number(),
  status: z.number().nullable(),
  error: z.string().nullable(),
  via: z.literal('service-worker').optional(),
  source,
});

export const cookieObservationSchema = z.object({
  ...cookieAttributes,
  partitionedBy: z.enum(['chips', 'total-cookie-protection', 'first-party-isolation']).nullable().optional(),
  partitionSite: z.string().nullable().optional(),
  kind: z.literal('cookie'),
  party,
  firstSeenAt: z.number(),
  lastChangedAt: z.number(),
  preexisting: z.boolean(),
  removedAt: z.number().nullable(),
});

export const cookieAttemptObservationSchema = z.object({
  ...cookieAttributes,
  kind: z.literal('cookie-attempt'),
  party,
  requestId: z.string(),
  requestUrl: z.string(),
  requestHost: z.string(),
  frame,
  at: z.number(),
  via: z.enum(['set-cookie-header', 'script']).optional(),
  stack: z.array(z.string()).optional(),
  refusedBecause: z.array(z.string()).optional(),
  source,
});

export const storageKeyObservationSchema = z.object({
  kind: z.literal('storage-key'),
  area: z.enum(['localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage']),
  key: z.string(),
  size: z.number().nonnegative(),
  origin: z.string(),
  frame,
  firstSeenAt: z.number(),
  removedAt: z.number().nullable(),
  preexisting: z.boolean().optional(),
  rewrittenAt: z.number().optional(),
  writtenAfter: z.number().optional(),
  source,
});

export const resourceObservationSchema = z.object({
  kind: z.literal('resource'),
  element: z.enum(['script', 'iframe']),
  url: z.string(),
  host: z.string(),
  party,
  frame,
  firstSeenAt: z.number(),
});

const gcdSignal = z.object({ state: z.enum(['granted', 'denied']).nullable(), updated: z.boolean() });

export const consentObservationSchema = z.object({
  kind: z.literal('consent'),
  at: z.number(),
  source: z.enum(CONSENT_SIGNAL_SOURCES),
  tool: z.enum(CONSENT_TOOLS).nullable(),
  phase: z.enum(['default', 'update', 'withdraw']),
  granted: z.object({
    necessary: z.boolean().optional(),
    preferences: z.boolean().optional(),
    statistics: z.boolean().optional(),
    marketing: z.boolean().optional(),
  }),
  explicit: z.boolean(),
  detail: z.string().max(200).nullable(),
  calledAt: z.number().optional(),
  firstLayer: z
    .object({
      cmp: z.string().max(100).nullable(),
      accept: z.number().int().min(0),
      reject: z.number().int().min(0),
      settings: z.number().int().min(0),
    })
    .optional(),
  record: z.object({ store: z.enum(['cookie', 'localStorage', 'sessionStorage']), name: z.string().max(200) }).optional(),
  tcf: z.object({ cmpId: z.number().int(), purposes: z.array(z.number().int()).max(64), vendors: z.array(z.number().int()).max(5000) }).optional(),
  carried: z.literal(true).optional(),
  googleConsent: z.object({ adStorage: gcdSignal, analyticsStorage: gcdSignal, adUserData: gcdSignal, adPersonalization: gcdSignal }).optional(),
});

const overflow = z.object({
  requests: z.number().int(),
  cookies: z.number().int(),
  cookieAttempts: z.number().int(),
  consent: z.number().int(),
  storageKeys: z.number().int(),
  resources: z.number().int(),
  frames: z.number().int(),
});

const stateFields = {
  version: z.literal(TAB_STATE_VERSION),
  tabId: z.number().int(),
  pageUrl: z.string(),
  pageHost: z.string(),
  pageSite: z.string(),
  mainRequestId: z.string().nullable(),
  startedAt: z.number(),
  observedLate: z.boolean(),
  canonicalNames: z.record(z.string(), z.string().max(253)).optional(),
  cookieStoreId: z.string().nullable().optional(),
  frames: z.record(z.string(), z.string()),
  cookies: z.record(z.string(), cookieObservationSchema),
  cookieAttempts: z.array(cookieAttemptObservationSchema),
  storageKeys: z.record(z.string(), storageKeyObservationSchema),
  storageAreasRead: z.record(z.string(), z.literal(true)).optional(),
  storageKeysNotKept: z.record(z.string(), z.number().int().nonnegative()).optional(),
  resources: z.record(z.string(), resourceObservationSchema),
  policyLinks: z.array(z.object({ url: z.string(), text: z.string() })),
  consent: z.array(consentObservationSchema),
  consentRecordNotes: z
    .array(
      z.object({
        tool: z.enum(CONSENT_TOOLS),
        store: z.enum(['cookie', 'localStorage', 'sessionStorage']),
        name: z.string().max(200),
        at: z.number(),
        reading: z.enum(['no-choice', 'unreadable']),
        reason: z.string().max(200).nullable(),
      }),
    )
    .max(CONSENT_RECORD_NOTE_LIMIT)
    .optional(),
  domains: z.record(z.string(), z.literal(true)),
  overflow,
  frameTree: z.record(z.string(), frameNode).optional(),
  unsentRequests: z.array(z.object({ requestId: z.string(), url: z.string(), resourceType: z.string(), error: z.string(), startedAt: z.number() })).optional(),
  capture: z
    .object({
      thirdPartyCookies: z.enum(['blocked', 'allowed']),
      storagePartitioning: z.enum(['partitioned', 'unpartitioned', 'unknown']),
      disabledFeatures: z.array(z.string()),
      consentDetection: z.object({ outcome: z.string(), waitedMs: z.number(), quietMs: z.number() }).nullable(),
      devtoolsCounts: z.record(z.string(), z.number()),
      urlValues: z.enum(['masked', 'kept']).optional(),
      quietStoppedAtMs: z.number().nonnegative().optional(),
    })
    .optional(),
  lastChangeAt: z.number().optional(),
  messageSequences: z
    .record(z.string().max(200), z.object({ n: z.number().int().positive(), at: z.number() }))
    .refine((marks) => Object.keys(marks).length <= MAX_MESSAGE_STREAMS, { message: `more than ${MAX_MESSAGE_STREAMS} message streams` })
    .optional(),
  gaps: z
    .array(
      z.object({
        from: z.number(),
        to: z.number(),
        reason: z.enum(['worker-stopped', 'messages-lost', 'request-start-lost']),
        unfinishedRequests: z.number().int().nonnegative(),
        source: z.enum(SEQUENCED_MESSAGE_KINDS).optional(),
        lost: z.number().int().nonnegative().optional(),
        endsWithoutStart: z.number().int().nonnegative().optional(),
      }),
    )
    .max(MAX_GAPS)
    .optional(),
};

/** Persisted tab state without its request chunks. */
export const persistedTabMetaSchema = z.object({ ...stateFields, requestCount: z.number().int().nonnegative() });
export const requestChunkSchema = z.array(requestObservationSchema);
export const tabStateSchema = z.object({ ...stateFields, requests: z.array(requestObservationSchema) });

/** Rebuilds a visit from storage; null when what was stored does not parse (never trust storage blindly). */
export function parseTabState(meta: unknown, chunks: unknown[]): TabState | null {
  const parsedMeta = persistedTabMetaSchema.safeParse(meta);
  if (!parsedMeta.success) return null;
  const requests: TabState['requests'] = [];
  for (const chunk of chunks) {
    const parsed = requestChunkSchema.safeParse(chunk ?? []);
    if (!parsed.success) return null;
    requests.push(...parsed.data);
  }
  const { requestCount: _count, frames, frameTree, ...rest } = parsedMeta.data;
  const numericFrames: Record<number, string> = {};
  for (const [id, url] of Object.entries(frames)) numericFrames[Number(id)] = url;
  const state: TabState = { ...rest, frames: numericFrames, requests };
  if (frameTree) {
    state.frameTree = {};
    for (const [id, node] of Object.entries(frameTree)) state.frameTree[Number(id)] = node;
  }
  return state;
}
