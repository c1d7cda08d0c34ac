import browser, { type WebRequest } from 'webextension-polyfill';
import { auditedTabsStateSchema, evidenceAfterRequest, evidenceOfVisit, type AuditedTabsState, type TabEvidence } from '../core/observe/evidence-level';
import { hostOf } from '../core/site';
import type { PolicyStore } from './policy-store';
import type { TabStore } from './tab-store';
import { SET_COOKIE_IN_EVERY_RESPONSE, setCookieListener, setCookieListenerFilter } from './observe-requests';

const STATE_KEY = 'auditedTabs';
type HeadersListener = (details: WebRequest.OnHeadersReceivedDetailsType) => void;

/**
 * Which tabs read Set-Cookie headers, and each tab's level of evidence (issue 23). A tab is
 * audited when its site has a policy model, when the user asked for a full audit of it, or
 * when the CLI asked for every tab; an audited tab gets an onHeadersReceived listener with
 * `extraHeaders` filtered to its tabId, removed when the tab leaves for an unaudited site or
 * closes. While no tab is audited no such listener exists, and Chromium's extra hop for
 * every request (the cost is per profile, not per listener) is gone.
 *
 * MV3 drops a stopped worker's listeners: those registered synchronously at start come back
 * by themselves, these depend on stored state, so the state is kept in storage.session and
 * the listeners are re-added as soon as it is read back. Until then (a few ms after a wake)
 * an audited tab's Set-Cookie headers are missed; the tab store's restart gap covers that time.
 */
export class AuditedTabs {
  private everywhere = false;
  private readonly requested = new Set<number>();
  private readonly evidence = new Map<number, TabEvidence>();
  /** The live listeners: one per audited tab, or one for every tab (key null) in `everywhere`. */
  private readonly listeners = new Map<number | null, HeadersListener>();
  private readonly onHeaders: () => HeadersListener;
  /** Document requests are decided in order, each after the stored state and the models are read. */
  private queue: Promise<void>;

  constructor(
    store: TabStore,
    private readonly policies: PolicyStore,
  ) {
    this.onHeaders = () => setCookieListener(store);
    this.queue = this.restore().catch((error: unknown) => console.error('PolicyLens: audited tabs not restored', error));
  }

  /** A tab's document request started (called in the webRequest event itself). */
  documentRequest(tabId: number, url: string): void {
    const listenerWasLive = this.listeners.has(tabId) || this.listeners.has(null);
    const startedAt = Date.now();
    this.enqueue(async () => {
      await this.policies.ready;
      const next = evidenceOfVisit({
        everywhere: this.everywhere,
        browserGivesHeaders: SET_COOKIE_IN_EVERY_RESPONSE,
        requested: this.requested.has(tabId),
        siteHasModel: this.policies.current().findModelForHost(hostOf(url)) !== null,
        listenerWasLive,
        startedAt,
      });
      this.evidence.set(tabId, next);
      if (next.reason === 'model' || next.reason === 'requested') this.listen(tabId);
      else this.unlisten(tabId);
    });
  }

  /** The user (popup) asked for a full audit of this tab: Set-Cookie headers from now on. */
  requestFull(tabId: number): Promise<void> {
    return this.enqueue(() => {
      this.requested.add(tabId);
      if (this.everywhere || SET_COOKIE_IN_EVERY_RESPONSE) return;
      this.evidence.set(tabId, evidenceAfterRequest(this.evidence.get(tabId), Date.now()));
      this.listen(tabId);
    });
  }

  /** The CLI (and the tests that drive the extension like it): every tab, tabless requests included. */
  everyTab(): Promise<void> {
    return this.enqueue(() => {
      this.everywhere = true;
      if (SET_COOKIE_IN_EVERY_RESPONSE) return;
      for (const tabId of [...this.listeners.keys()]) if (tabId !== null) this.unlisten(tabId);
      this.listen(null);
    });
  }

  evidenceOf(tabId: number): Promise<TabEvidence | null> {
    return this.queue.then(() => this.evidence.get(tabId) ?? null);
  }

  forget(tabId: number): void {
    this.enqueue(() => {
      this.requested.delete(tabId);
      this.evidence.delete(tabId);
      this.unlisten(tabId);
    });
  }

  private enqueue(work: () => void | Promise<void>): Promise<void> {
    this.queue = this.queue
      .then(work)
      .then(() => this.save())
      .catch((error: unknown) => console.error('PolicyLens: audited tabs', error));
    return this.queue;
  }

  private listen(tabId: number | null): void {
    if (this.listeners.has(tabId)) return;
    const listener = this.onHeaders();
    const { filter, spec } = setCookieListenerFilter(tabId);
    browser.webRequest.onHeadersReceived.addListener(listener, filter, spec);
    this.listeners.set(tabId, listener);
  }

  private unlisten(tabId: number | null): void {
    const listener = this.listeners.get(tabId);
    if (!listener) return;
    browser.webRequest.onHeadersReceived.removeListener(listener);
    this.listeners.delete(tabId);
  }

  private async save(): Promise<void> {
    const state: AuditedTabsState = {
      everywhere: this.everywhere,
      requested: [...this.requested],
      listening: [...this.listeners.keys()].filter((k): k is number => k !== null),
      evidence: Object.fromEntries([...this.evidence].map(([tabId, e]) => [String(tabId), e])),
    };
    await browser.storage.session.set({ [STATE_KEY]: state });
  }

  private async restore(): Promise<void> {
    const stored = (await browser.storage.session.get(STATE_KEY))[STATE_KEY];
    if (stored === undefined) return;
    const parsed = auditedTabsStateSchema.safeParse(stored);
    if (!parsed.success) {
      console.warn('PolicyLens: stored audited tabs did not parse; no tab is audited until its next page');
      return;
    }
    const state = parsed.data;
    this.everywhere = state.everywhere;
    for (const tabId of state.requested) this.requested.add(tabId);
    for (const [tabId, e] of Object.entries(state.evidence)) this.evidence.set(Number(tabId), e);
    if (SET_COOKIE_IN_EVERY_RESPONSE) return;
    if (this.everywhere) this.listen(null);
    else for (const tabId of state.listening) this.listen(tabId);
  }
}
