import { ConsentTimeline } from '../consent/consent-timeline';
import type { ConsentObservation, ConsentTool } from '../consent/consent-state';
import { googleConsentFromUrl } from '../consent/google-consent-params';
import type { TabState } from '../observe/tab-state';
import { storedCookieKeys } from '../observe/summarise-tab';
import type { PolicyModel, Source } from '../policy/schema';
import { siteOf } from '../site';
import type { VendorIndex } from '../vendors/vendor-index';
import type { Actor } from './actor';
import type { AttributedCookie, AttributedRequest, AttributedStorageKey, AuditContext } from './audit-context';
import { Attributor } from './attributor';
import { auditWarnings } from './audit-warnings';
import { RULES } from './rules';
import { observedConsentTools } from './rules/consent-tool-mismatch';
import { cookieRows, storageRows, uncheckableClaims, vendorRows } from './report-rows';
import { REPORT_VERSION, SEVERITIES, type AuditReport, type Finding, type PolicyClause, type Severity } from './report-types';
import type { Rule } from './rule';

export interface AuditInput {
  state: TabState;
  policy: { model: PolicyModel; origin: 'bundled' | 'user' } | null;
  vendors: VendorIndex;
  /** When the report is made (epoch ms); the core never reads the clock. */
  now: number;
  rules?: readonly Rule[];
}

/**
 * Holds one visit's observations against the shop's declared policy model and reports
 * every discrepancy with its evidence. Pure and deterministic: the same input gives the
 * same report.
 */
export function audit(input: AuditInput): AuditReport {
  const ctx = buildContext(input);
  const order = new Map<string, number>((input.rules ?? RULES).map((r, i) => [r.id, i]));
  const findings = (input.rules ?? RULES)
    .flatMap((rule) => rule.check(ctx))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0) || compareText(a.id, b.id));
  const policy = input.policy;
  return {
    reportVersion: REPORT_VERSION,
    generatedAt: input.now,
    page: { url: input.state.pageUrl, host: input.state.pageHost, site: input.state.pageSite, visitStartedAt: input.state.startedAt },
    policy: policy
      ? {
          id: policy.model.id,
          title: policy.model.title,
          origin: policy.origin,
          language: policy.model.shop.language,
          policyDate: policy.model.shop.policyDate,
          policyVersion: policy.model.shop.policyVersion,
        }
      : null,
    consent: { tools: [...observedConsentTools(ctx).keys()].sort() as ConsentTool[], timeline: [...ctx.consent.observations], now: ctx.consent.current() },
    summary: summarise(findings),
    findings,
    vendors: vendorRows(ctx),
    cookies: cookieRows(ctx),
    storage: storageRows(ctx),
    uncheckable: uncheckableClaims(ctx),
    warnings: auditWarnings(ctx),
    counts: {
      requests: input.state.requests.length + input.state.overflow.requests,
      thirdPartyRequests: ctx.requests.filter((r) => r.actor.kind !== 'shop').length,
      overflow: { ...input.state.overflow },
    },
  };
}

export function buildContext(input: AuditInput): AuditContext {
  const { state, vendors } = input;
  const model = input.policy?.model ?? null;
  const shopSites = new Set((model?.shop.domains ?? []).map((d) => siteOf(d.replace(/^\*\./, ''))));
  const attributor = new Attributor(model, vendors, state.pageSite, shopSites);

  const consentSignals: ConsentObservation[] = [...state.consent];
  const requests: AttributedRequest[] = [];
  const actors = new Map<string, Actor>();
  for (const request of state.requests) {
    const actor = attributor.host(request.host);
    requests.push({ request, actor });
    if (actor.kind !== 'shop') actors.set(actor.key, actor);
    if (request.url.includes('gcs=')) {
      const signal = googleConsentFromUrl(request.url, request.startedAt);
      if (signal) consentSignals.push(signal);
    }
  }

  const partyOf = (domain: string): 'first' | 'third' => (attributor.isFirstPartyHost(domain.replace(/^\./, '')) ? 'first' : 'third');
  const attemptHost = new Map<string, string>();
  for (const a of state.cookieAttempts) attemptHost.set(`${a.name}|${a.domain}`, a.requestHost);
  const storedKeys = storedCookieKeys(state);
  const cookies: AttributedCookie[] = [];
  for (const c of Object.values(state.cookies)) {
    const setByHost = attemptHost.get(`${c.name}|${c.domain}`) ?? null;
    // A cookie left from an earlier visit counts from the moment this visit rewrote it.
    const leftover = c.preexisting && c.lastChangedAt === c.firstSeenAt;
    const at = c.preexisting ? c.lastChangedAt : c.firstSeenAt;
    cookies.push({ ...attributor.cookie(c.name, c.domain, setByHost), observation: c, party: partyOf(c.domain), leftover, at, setByHost, stored: null });
  }
  for (const a of state.cookieAttempts) {
    const deletion = a.expiresAt !== null && a.expiresAt <= a.at;
    if (deletion) continue;
    cookies.push({ ...attributor.cookie(a.name, a.domain, a.requestHost), observation: a, party: partyOf(a.domain), leftover: false, at: a.at, setByHost: a.requestHost, stored: storedKeys.has(`${a.name}|${a.domain}`) });
  }
  const storage: AttributedStorageKey[] = Object.values(state.storageKeys).map((k) => ({ ...attributor.storageKey(k.key, k.area, k.origin), observation: k }));
  for (const item of [...cookies, ...storage]) if (item.actor.kind !== 'shop') actors.set(item.actor.key, item.actor);

  const documents = new Map((model?.documents ?? []).map((d) => [d.id, d]));
  const clause = (source: Source): PolicyClause => ({
    quote: source.quote,
    section: source.section,
    document: documents.get(source.document)?.url ?? source.document,
    origin: source.origin,
    language: documents.get(source.document)?.language ?? model?.shop.language ?? 'und',
  });

  return { state, policy: model, index: vendors, attributor, consent: new ConsentTimeline(consentSignals), requests, cookies, storage, actors, clause };
}

/** Code-unit order: deterministic in every runtime, and far cheaper than localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

function summarise(findings: Finding[]): AuditReport['summary'] {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let violations = 0;
  let undeclaredCompanies = 0;
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    if (f.kind !== 'violation') continue;
    violations += 1;
    if (f.ruleId === 'undeclared-third-party') undeclaredCompanies += 1;
  }
  const brokenPromises = violations - undeclaredCompanies;
  const worst = findings.find((f) => f.kind === 'violation')?.severity ?? null;
  const parts: string[] = [];
  if (brokenPromises > 0) parts.push(`${brokenPromises} ${brokenPromises === 1 ? 'promise' : 'promises'} broken`);
  if (undeclaredCompanies > 0) parts.push(`${undeclaredCompanies} undeclared ${undeclaredCompanies === 1 ? 'company' : 'companies'}`);
  return {
    violations,
    notices: findings.length - violations,
    bySeverity,
    worstSeverity: worst,
    undeclaredCompanies,
    brokenPromises,
    verdict: parts.length > 0 ? parts.join(', ') : 'No discrepancies found',
  };
}
