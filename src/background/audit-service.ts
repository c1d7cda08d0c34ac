import browser from 'webextension-polyfill';
import { audit } from '../core/audit/audit';
import type { AuditReport } from '../core/audit/report-types';
import { loadBundledCatalogue } from '../core/vendors/catalogue';
import { buildVendorIndex } from '../core/vendors/vendor-index';
import { extraVendorSources } from 'policylens:extra-vendor-db';
import type { VendorIndex } from '../core/vendors/vendor-index';
import { badgeFor } from '../core/report/badge';
import type { PolicyStore } from './policy-store';
import type { TabStore } from './tab-store';

/** Re-audit at most this often per tab while a page is busy. */
const AUDIT_DELAY_MS = 300;

/**
 * Keeps a live audit report per tab: re-runs the pure audit shortly after a tab's
 * observations change and shows the violation count on the toolbar badge.
 */
export class AuditService {
  private readonly reports = new Map<number, AuditReport>();
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private vendors: VendorIndex | null = null;

  constructor(
    private readonly tabs: TabStore,
    private readonly policies: PolicyStore,
  ) {}

  private vendorIndex(): VendorIndex {
    this.vendors ??= buildVendorIndex(loadBundledCatalogue(), extraVendorSources());
    return this.vendors;
  }

  schedule(tabId: number): void {
    if (this.timers.has(tabId)) return;
    this.timers.set(
      tabId,
      setTimeout(() => {
        this.timers.delete(tabId);
        void this.run(tabId);
      }, AUDIT_DELAY_MS),
    );
  }

  /** The policies changed: every cached report is stale. */
  invalidate(): void {
    this.reports.clear();
  }

  forget(tabId: number): void {
    this.reports.delete(tabId);
    const timer = this.timers.get(tabId);
    if (timer) clearTimeout(timer);
    this.timers.delete(tabId);
  }

  /** The current report, computed now if none is cached (e.g. right after a worker restart). */
  async report(tabId: number): Promise<AuditReport | null> {
    await this.policies.ready;
    return this.reports.get(tabId) ?? this.compute(tabId);
  }

  private async run(tabId: number): Promise<void> {
    await this.policies.ready;
    const report = this.compute(tabId);
    if (!report) return;
    const badge = badgeFor(report);
    await browser.action.setBadgeText({ tabId, text: badge.text }).catch(() => {});
    if (badge.text) await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }).catch(() => {});
  }

  private compute(tabId: number): AuditReport | null {
    const recorder = this.tabs.get(tabId);
    if (!recorder) return null;
    const match = this.policies.current().findModelForHost(recorder.state.pageHost);
    const report = audit({
      state: recorder.state,
      policy: match ? { model: match.model, origin: match.origin } : null,
      vendors: this.vendorIndex(),
      now: Date.now(),
    });
    this.reports.set(tabId, report);
    return report;
  }
}
