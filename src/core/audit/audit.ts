import { ConsentTimeline } from '../consent/consent-timeline';
import type { ConsentObservation, ConsentTool } from '../consent/consent-state';
import { GoogleConsentEchoes } from '../consent/google-consent-params';
import type { TabState } from '../observe/tab-state';
import type { PolicyModel, Source } from '../policy/schema';
import { siteOf } from '../site';
import type { VendorIndex } from '../vendors/vendor-index';
import type { Actor } from './actor';
import type { Party, RequestObservation } from '../observation';
import type { AttributedCookie, AttributedStorageKey, AuditContext, HostRequests } from './audit-context';
import { Attributor } from './attributor';
import { auditWarnings } from './audit-warnings';
import { RULES } from './rules';
import { observedConsentTools } from './rules/consent-tool-mismatch';
import { cookieRows, storageRows, uncheckableClaims, vendorRows } from './report-rows';
import {
  REPORT_VERSION,
  SEVERITIES,
  type AuditReport,
  type Finding,
  type PolicyClause,
  type ReportPolicyOrigin,
  type Severity,
  type Verdict,
} from './report-types';
import type { Rule } from './rule';

export interface AuditInput {
  state: TabState;
  policy: { model: PolicyModel; origin: ReportPolicyOrigin } | null;
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
  // A rule that throws (a bug, or input no rule foresaw) costs its own findings, never the
  // report: it becomes a warning naming the rule, and every other rule's findings stand.
  const failedRules: string[] = [];
  const findings = inReportOrder(
    (input.rules ?? RULES).map((rule) => {
      try {
        return rule.check(ctx);
      } catch {
        failedRules.push(rule.id);
        return [];
      }
    }),
  );
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
    summary: summarise(findings, policy !== null, observedAnything(input.state)),
    findings,
    vendors: vendorRows(ctx),
    cookies: cookieRows(ctx),
    storage: storageRows(ctx),
    uncheckable: uncheckableClaims(ctx),
    warnings: [...auditWarnings(ctx), ...failedRules.map((ruleId) => ({ code: 'rule-failed' as const, params: { ruleId } }))],
    counts: {
      requests: input.state.requests.length + input.state.overflow.requests,
      thirdPartyRequests: ctx.hosts.reduce((n, g) => (g.actor.kind === 'shop' ? n : n + g.requests.length), 0),
      overflow: { ...input.state.overflow },
    },
  };
}

export function buildContext(input: AuditInput): AuditContext {
  const { state, vendors } = input;
  const model = input.policy?.model ?? null;
  const shopSites = new Set((model?.shop.domains ?? []).map((d) => siteOf(d.replace(/^\*\./, ''))));
  const attributor = new Attributor(model, vendors, state.pageSite, shopSites, state.canonicalNames);

  const consentSignals: ConsentObservation[] = [...state.consent];
  const actors = new Map<string, Actor>();
  const hosts = groupByHost(state.requests, attributor, consentSignals);
  for (const group of hosts) if (group.actor.kind !== 'shop') actors.set(group.actor.key, group.actor);

  const partyByDomain = new Map<string, Party>();
  const partyOf = (domain: string): Party => {
    let party = partyByDomain.get(domain);
    if (party === undefined) {
      party = attributor.isFirstPartyHost(domain.startsWith('.') ? domain.slice(1) : domain) ? 'first' : 'third';
      partyByDomain.set(domain, party);
    }
    return party;
  };
  // `name|domain` of each attempt and stored cookie, made once (as in storedCookieKeys()).
  const attemptIds = state.cookieAttempts.map((a) => `${a.name}|${a.domain}`);
  const attemptHost = new Map<string, string>();
  state.cookieAttempts.forEach((a, i) => attemptHost.set(attemptIds[i] as string, a.requestHost));
  // Object.values of a large record sorts its keys each time: read the jar once.
  const jar = Object.values(state.cookies);
  const storedKeys = new Set<string>();
  const cookies: AttributedCookie[] = [];
  for (const c of jar) {
    const id = `${c.name}|${c.domain}`;
    storedKeys.add(id);
    const setByHost = attemptHost.get(id) ?? null;
    // A cookie left from an earlier visit counts from the moment this visit rewrote it.
    const leftover = c.preexisting && c.lastChangedAt === c.firstSeenAt;
    const at = c.preexisting ? c.lastChangedAt : c.firstSeenAt;
    const { actor, confidence, basis } = attributor.cookie(c.name, c.domain, setByHost);
    cookies.push({ id, actor, confidence, basis, observation: c, party: partyOf(c.domain), leftover, at, setByHost, stored: null });
  }
  state.cookieAttempts.forEach((a, i) => {
    const deletion = a.expiresAt !== null && a.expiresAt <= a.at;
    if (deletion) return;
    const id = attemptIds[i] as string;
    const { actor, confidence, basis } = attributor.cookie(a.name, a.domain, a.requestHost);
    cookies.push({
      id,
      actor,
      confidence,
      basis,
      observation: a,
      party: partyOf(a.domain),
      leftover: false,
      at: a.at,
      setByHost: a.requestHost,
      stored: storedKeys.has(id),
    });
  });
  const storage: AttributedStorageKey[] = [];
  for (const k of Object.values(state.storageKeys)) {
    const { actor, confidence, basis } = attributor.storageKey(k.key, k.area, k.origin);
    // Like cookies: a key left from an earlier visit counts from the moment this visit wrote it again.
    const leftover = k.preexisting === true && k.rewrittenAt === undefined;
    const at = k.rewrittenAt ?? k.firstSeenAt;
    storage.push({ actor, confidence, basis, observation: k, leftover, at, earliestAt: k.rewrittenAt === undefined ? (k.writtenAfter ?? at) : at });
  }
  for (const item of cookies) if (item.actor.kind !== 'shop') actors.set(item.actor.key, item.actor);
  for (const item of storage) if (item.actor.kind !== 'shop') actors.set(item.actor.key, item.actor);

  const documents = new Map((model?.documents ?? []).map((d) => [d.id, d]));
  // Thousands of findings quote the same few sentences: one clause object per sentence.
  const clauses = new Map<Source, PolicyClause>();
  const clause = (source: Source): PolicyClause => {
    let found = clauses.get(source);
    if (!found) {
      found = {
        quote: source.quote,
        section: source.section,
        document: documents.get(source.document)?.url ?? source.document,
        origin: source.origin,
        language: documents.get(source.document)?.language ?? model?.shop.language ?? 'und',
      };
      clauses.set(source, found);
    }
    return found;
  };

  return { state, policy: model, index: vendors, attributor, consent: new ConsentTimeline(consentSignals), hosts, cookies, storage, actors, clause };
}

/**
 * Requests grouped by host, each host attributed once. Google's requests echo the consent
 * state in their gcs parameter; each change of it (per host) is collected on the way.
 */
function groupByHost(requests: readonly RequestObservation[], attributor: Attributor, consentSignals: ConsentObservation[]): HostRequests[] {
  const byHost = new Map<string, HostRequests>();
  const hosts: HostRequests[] = [];
  const outOfOrder = new Set<HostRequests>();
  const echoes = new GoogleConsentEchoes();
  for (const request of requests) {
    let group = byHost.get(request.host);
    if (group === undefined) {
      group = { host: request.host, actor: attributor.host(request.host), requests: [] };
      byHost.set(request.host, group);
      hosts.push(group);
    }
    const list = group.requests;
    const previous = list[list.length - 1];
    if (previous !== undefined && previous.startedAt > request.startedAt) outOfOrder.add(group);
    list.push(request);
    const echo = echoes.read(request.url, request.host, request.startedAt);
    if (echo) consentSignals.push(echo);
  }
  // Events arrive in time order almost always; a stable sort repairs the rare exception.
  for (const group of outOfOrder) group.requests.sort((a, b) => a.startedAt - b.startedAt);
  return hosts;
}

/** Whether the visit left anything to hold against a policy or the law. */
function observedAnything(state: TabState): boolean {
  return state.requests.length > 0 || state.cookieAttempts.length > 0 || Object.keys(state.cookies).length > 0 || Object.keys(state.storageKeys).length > 0;
}

/** Code-unit order: deterministic in every runtime, and far cheaper than localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Most severe first, then in rule order, then by id. Bucketing by severity and rule leaves
 * only the id comparison to the sort, which matters with thousands of findings.
 */
export function inReportOrder(findingsPerRule: readonly Finding[][]): Finding[] {
  const ordered: Finding[] = [];
  for (const severity of SEVERITIES) {
    for (const findings of findingsPerRule) {
      const bucket = findings.filter((f) => f.severity === severity);
      bucket.sort((a, b) => compareText(a.id, b.id));
      for (const f of bucket) ordered.push(f);
    }
  }
  return ordered;
}

export function summarise(findings: Finding[], checkedAgainstPolicy: boolean, observedAnything: boolean): AuditReport['summary'] {
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
  const verdict: Verdict = !checkedAgainstPolicy
    ? !observedAnything
      ? { code: 'not-checked', params: {} }
      : violations > 0
        ? { code: 'baseline-violations', params: { violations } }
        : { code: 'baseline-clean', params: {} }
    : violations > 0
      ? { code: 'discrepancies', params: { brokenPromises, undeclaredCompanies } }
      : { code: 'no-discrepancies', params: {} };
  return {
    violations,
    notices: findings.length - violations,
    bySeverity,
    worstSeverity: worst,
    undeclaredCompanies,
    brokenPromises,
    checkedAgainst: checkedAgainstPolicy ? 'shop-policy' : 'legal-baseline',
    verdict,
  };
}
