import browser from 'webextension-polyfill';
import { audit } from '../core/audit/audit';
import type { AuditReport } from '../core/audit/report-types';
import { buildVendorIndex } from '../core/vendors/vendor-index';
import { extraVendorSources } from 'policylens:extra-vendor-db';
import type { VendorIndex } from '../core/vendors/vendor-index';
import { badgeFor } from '../core/report/badge';
import { requestLog, type RequestLog } from '../core/report/request-log';
import { extensionData } from '../data/extension-data';
import type { PolicyModel } from '../core/policy/schema';
import type { ReportPolicyOrigin } from '../core/audit/report-types';
import { PageDeclarationModels } from './page-declaration-models';
import type { PolicyStore } from './policy-store';
import type { TabStore } from './tab-store';

/**
 * The badge's audit waits until a tab has been quiet this long: a busy page is not
 * re-audited on every burst of requests (the work would compete with the page for the CPU).
 */
const AUDIT_QUIET_MS = 1_000;
/** …but a page that never goes quiet still gets a fresh badge this often. */
const AUDIT_MAX_WAIT_MS = 5_000;

/**
 * Keeps a live audit report per tab: re-runs the pure audit shortly after a tab's
 * observations change and shows the violation count on the toolbar badge.
 */
export class AuditService {
  private readonly reports = new Map<number, AuditReport>();
  /** Tabs observed to change since their report was made. */
  private readonly stale = new Set<number>();
  private readonly timers = new Map<number, { timer: ReturnType<typeof setTimeout>; since: number }>();
  private vendors: VendorIndex | null = null;
  /** For shops without a model: the consent tool's declaration their page shows, as a model. */
  private readonly declarations = new PageDeclarationModels(() => this.vendorIndex());

  constructor(
    private readonly tabs: TabStore,
    private readonly policies: PolicyStore,
  ) {}

  private vendorIndex(): VendorIndex {
    this.vendors ??= buildVendorIndex(extensionData.catalogue(), extraVendorSources());
    return this.vendors;
  }

  /** A tab's observations changed: re-audit once it has been quiet for a moment. */
  schedule(tabId: number): void {
    this.stale.add(tabId);
    const now = Date.now();
    const pending = this.timers.get(tabId);
    // Waited long enough already: let the pending audit run when its timer fires.
    if (pending && now - pending.since >= AUDIT_MAX_WAIT_MS) return;
    if (pending) clearTimeout(pending.timer);
    const since = pending?.since ?? now;
    const delay = Math.min(AUDIT_QUIET_MS, since + AUDIT_MAX_WAIT_MS - now);
    const timer = setTimeout(
      () => {
        this.timers.delete(tabId);
        void this.run(tabId);
      },
      Math.max(0, delay),
    );
    this.timers.set(tabId, { timer, since });
  }

  /** The policies changed: every cached report is stale. */
  invalidate(): void {
    this.reports.clear();
  }

  forget(tabId: number): void {
    this.declarations.forget(tabId);
    this.reports.delete(tabId);
    this.stale.delete(tabId);
    const pending = this.timers.get(tabId);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(tabId);
  }

  /**
   * The current report: the cached one when nothing changed since it was made, otherwise
   * made now (and the badge brought up to date with it), so the popup never shows a stale one.
   */
  async report(tabId: number): Promise<AuditReport | null> {
    await this.policies.ready;
    const cached = this.reports.get(tabId);
    // A report against the baseline is made again once the page shows a declaration (rendered after load, the page quiet since).
    if (cached && !this.stale.has(tabId) && (cached.policy !== null || !(await this.declaredModel(tabId)))) return cached;
    return this.run(tabId);
  }

  /** The tab's request log, attributed by the same current report the popup shows. */
  async requestLog(tabId: number): Promise<RequestLog | null> {
    const report = await this.report(tabId);
    const recorder = this.tabs.get(tabId);
    if (!report || !recorder) return null;
    return requestLog([{ part: null, state: recorder.state, report }]);
  }

  private async run(tabId: number): Promise<AuditReport | null> {
    await this.policies.ready;
    const recorder = this.tabs.get(tabId);
    if (!recorder) return null;
    const match = this.policies.current().findModelForHost(recorder.state.pageHost);
    const declared = match ? null : await this.declaredModel(tabId);
    const policy = match ? { model: match.model, origin: match.origin } : declared ? { model: declared, origin: 'consent-declaration' as const } : null;
    const report = this.compute(tabId, policy);
    if (!report) return null;
    const badge = badgeFor(report);
    await browser.action.setBadgeText({ tabId, text: badge.text }).catch(() => {});
    if (badge.text) await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }).catch(() => {});
    return report;
  }

  /** The model the tab's report rests on (the shop's, or one drafted from its declaration), sealed in an evidence bundle. */
  async reportModelFor(tabId: number): Promise<PolicyModel | null> {
    await this.policies.ready;
    const recorder = this.tabs.get(tabId);
    if (!recorder) return null;
    return this.policies.current().findModelForHost(recorder.state.pageHost)?.model ?? (await this.declaredModel(tabId));
  }

  /** The model drafted from the declaration the tab's page shows, when the shop has no model of its own. */
  async declaredModelFor(tabId: number): Promise<PolicyModel | null> {
    await this.policies.ready;
    const recorder = this.tabs.get(tabId);
    if (!recorder || this.policies.current().findModelForHost(recorder.state.pageHost)) return null;
    return this.declaredModel(tabId);
  }

  /** The model drafted from the declaration the tab's page shows, or null (no declaration, or not the tab's visit). */
  private async declaredModel(tabId: number): Promise<PolicyModel | null> {
    const recorder = this.tabs.get(tabId);
    if (!recorder) return null;
    return this.declarations.modelFor(tabId, recorder.state);
  }

  private compute(tabId: number, policy: { model: PolicyModel; origin: ReportPolicyOrigin } | null): AuditReport | null {
    const recorder = this.tabs.get(tabId);
    if (!recorder) return null;
    const report = audit({
      state: recorder.state,
      policy,
      vendors: this.vendorIndex(),
      now: Date.now(),
    });
    this.reports.set(tabId, report);
    this.stale.delete(tabId);
    return report;
  }
}
