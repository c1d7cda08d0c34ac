import { storedSigningKey } from './signing-key-setting';
import browser, { type Runtime } from 'webextension-polyfill';
import { contentToBackgroundSchema, popupMessageSchema, type ParsedContentToBackground, type PopupMessage, type PopupRequests } from '../messaging/protocol';
import type { SequencedMessageKind } from '../core/observe/observation-gaps';
import { summariseTab } from '../core/observe/summarise-tab';
import type { FrameRef } from '../core/observation';
import type { TabStore } from './tab-store';
import type { AuditService } from './audit-service';
import type { PolicyStore } from './policy-store';
import { answerOptions } from './answer-options';
import { previewView } from '../messaging/popup-view';
import type { FullPopupView } from '../messaging/popup-view';
import { fromPageSignal } from '../core/consent/from-page-signal';
import { outcomeFromStorageReading } from '../core/observe/consent-record-change';
import { hostOf, siteOf } from '../core/site';

/** The one background message handler: content-script notifications and popup requests. */
export function handleMessages(store: TabStore, audits: AuditService, policies: PolicyStore): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (isFromExtensionPage(sender)) {
      const parsed = popupMessageSchema.safeParse(message);
      if (!parsed.success) {
        // Rejected with a reason, so the page's request() logs it and fails instead of waiting.
        const reason = `malformed request ${describeType(message)}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`;
        console.warn(`PolicyLens: rejected a ${reason} from`, sender.url);
        return Promise.reject(new Error(reason));
      }
      return answerPopup(store, audits, policies, parsed.data);
    }
    if (sender.tab?.id !== undefined) {
      const parsed = contentToBackgroundSchema.safeParse(message);
      if (!parsed.success) {
        console.warn('PolicyLens: rejected a malformed message from a tab', sender.url);
        return undefined;
      }
      const tabId = sender.tab.id;
      const frame: FrameRef = { frameId: sender.frameId ?? 0, kind: (sender.frameId ?? 0) === 0 ? 'top' : 'sub', url: sender.url ?? null };
      // Chrome 106+ names the sending document: evidence then says which document of the frame it was.
      const documentId = (sender as { documentId?: unknown }).documentId;
      if (typeof documentId === 'string') frame.documentId = documentId;
      void store.whenReady(() => {
        const recorder = store.get(tabId);
        // Messages from the previous page of the tab can arrive after a navigation.
        if (!recorder || (frame.kind === 'top' && !sameOrigin(sender.url, recorder.state.pageUrl))) return;
        const now = Date.now();
        if (frame.documentId) recorder.recordFrameDocument(frame.frameId, frame.documentId);
        const data = parsed.data;
        if (data.seq) recorder.recordMessageSequence(data.seq.doc, sequencedKind(data.type), data.seq.n, now);
        switch (data.type) {
          case 'content/storage-snapshot':
            recorder.recordStorageSnapshot(
              data.area,
              data.origin,
              frame,
              data.entries.items,
              now,
              data.initial === true,
              data.previousReadAgoMs === undefined ? undefined : now - data.previousReadAgoMs,
              data.entries.dropped,
            );
            break;
          case 'content/resources':
            for (const item of data.items.items) recorder.recordResource(item.element, item.url, frame, now);
            recorder.countResourcesNotKept(data.items.dropped);
            break;
          case 'content/consent-signal': {
            const observation = fromPageSignal(data.signal);
            if (observation) recorder.recordConsent(observation);
            break;
          }
          case 'content/consent-record': {
            // Only the shop's own storage holds its consent record: a third-party frame's is not the shop's choice.
            if (siteOf(hostOf(sender.url ?? '')) !== recorder.state.pageSite) return;
            const outcome = outcomeFromStorageReading(data, recorder.state.startedAt, now);
            if (!outcome || !recorder.recordConsentRecord(outcome, data.carried)) return;
            break;
          }
          case 'content/policy-links':
            if (frame.kind === 'top') recorder.recordPolicyLinks(data.links.items);
            break;
          default:
            assertNever(data);
        }
        store.changed(tabId);
      });
    }
    return undefined;
  });
}

async function answerPopup(
  store: TabStore,
  audits: AuditService,
  policies: PolicyStore,
  message: PopupMessage,
): Promise<PopupRequests[PopupMessage['type']]['response']> {
  switch (message.type) {
    case 'popup/get-tab-summary':
      return store.read(() => {
        const recorder = store.get(message.tabId);
        return recorder ? summariseTab(recorder.state) : null;
      });
    case 'popup/get-tab-state':
      return store.read(() => store.get(message.tabId)?.state ?? null);
    case 'popup/get-report':
      return store.read(() => audits.report(message.tabId));
    case 'popup/get-request-log':
      return store.read(() => audits.requestLog(message.tabId));
    case 'popup/get-declared-model':
      return store.read(() => audits.declaredModelFor(message.tabId));
    case 'popup/get-report-model':
      return store.read(() => audits.reportModelFor(message.tabId));
    case 'popup/get-signing-key':
      return storedSigningKey();
    case 'popup/get-view':
      // The preview first: the popup asks for the whole report (popup/get-report) when it needs it.
      return store.read(async () => previewView(await viewFor(message.tabId, store, audits, policies)));
    case 'options/list-models':
    case 'options/import-model':
    case 'options/export-model':
    case 'options/delete-model':
    case 'options/assign-domain':
    case 'options/unassign-domain':
    case 'options/page-text':
    case 'options/page-document':
    case 'options/import-declaration':
    case 'options/draft-model':
    case 'options/get-settings':
    case 'options/set-page-consent-reader':
    case 'options/get-signing-key':
    case 'options/set-signing-key':
      return answerOptions(policies, message);
    case 'cli/use-policy': {
      await policies.ready;
      const imported = policies.current().importModel(message.text, message.fileName);
      if (!imported.ok) return { ok: false, errors: imported.errors };
      const assigned = imported.registry.assignDomain(message.host, imported.model.id);
      if (!assigned.ok) return { ok: false, errors: [{ file: message.fileName, path: '(host)', message: assigned.message }] };
      await policies.save(assigned.registry);
      return { ok: true, modelId: imported.model.id };
    }
    default:
      return assertNever(message);
  }
}

/** What the popup shows for a tab: which state applies, and the report when there is one. */
async function viewFor(tabId: number, store: TabStore, audits: AuditService, policies: PolicyStore): Promise<FullPopupView> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (tab?.url !== undefined && !/^https?:/i.test(tab.url)) return { state: 'not-http' };
  const recorder = store.get(tabId);
  if (!recorder) return { state: 'loading' };
  const report = await audits.report(tabId);
  if (!report) return { state: 'loading' };
  if (report.policy) return { state: 'ready', report };
  const warnings = policies.warnings();
  if (warnings.length > 0) return { state: 'invalid-model', errors: warnings };
  return { state: 'no-model', report, policyLinks: recorder.state.policyLinks };
}

function isFromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

function sameOrigin(a: string | undefined, b: string): boolean {
  try {
    return a !== undefined && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function describeType(message: unknown): string {
  const type = message && typeof message === 'object' && 'type' in message ? message.type : undefined;
  return typeof type === 'string' ? JSON.stringify(type.slice(0, 100)) : '(no type)';
}

function assertNever(value: never): never {
  throw new Error(`unhandled message ${JSON.stringify(value)}`);
}

/** The stream kind of a content message: its type without the `content/` prefix. */
function sequencedKind(type: ParsedContentToBackground['type']): SequencedMessageKind {
  return type.slice('content/'.length) as SequencedMessageKind;
}
