import { SEVERITIES } from '../core/audit/report-types.ts';
import type { AuditReport, EvidenceItem, Finding, PolicyClause } from '../core/audit/report-types.ts';
import { escapeHtml as h } from '../core/report/escape-html.ts';
import { isoUtc } from '../core/report/format-time.ts';
import { themeCss, themeVar } from '../core/report/theme.ts';
import type { Presenter } from './presenter.ts';
import { htmlDocumentStart } from './html-head.ts';
import { TIMELINE_STYLE, timelineSection } from './timeline-svg.ts';
import type { RequestLog } from '../core/report/request-log.ts';
import { requestLogSection } from './request-log-html.ts';

export interface HtmlReportOptions {
  extensionVersion: string;
  browserVersion: string;
  /** Hash of the evidence bundle exported with this report, so the two can be matched. */
  bundleHash?: string;
  /** Words the report in the reader's language; policy quotes keep their own language. */
  presenter: Presenter;
  /** The visit's request log, shown as a collapsed table; left out when not given. */
  requestLog?: RequestLog;
}

/**
 * A self-contained, printable HTML report (inline CSS, no scripts, no external resources;
 * a CSP meta tag forbids loading anything). Every value goes through escapeHtml: page
 * strings are hostile by assumption.
 */
export function renderHtmlReport(report: AuditReport, options: HtmlReportOptions): string {
  const p = options.presenter;
  const violations = report.findings.filter((f) => f.kind === 'violation');
  const notices = report.findings.filter((f) => f.kind === 'notice');
  const worst = report.summary.worstSeverity;
  const verdictColor = themeVar(worst ? `sev-${worst}` : 'good');
  // "No discrepancies" only where the shop's policy was compared; else the verdict says what was checked.
  const none =
    report.summary.checkedAgainst === 'shop-policy' && report.summary.verdict.code !== 'not-checked'
      ? p.t('report.noDiscrepancies')
      : p.verdict(report.summary.verdict);
  const title = p.t('report.title', { host: report.page.host });
  return `${htmlDocumentStart(p.lang, options.extensionVersion, `${title} (${isoUtc(report.generatedAt)})`)}${themeCss()}${STYLE}${TIMELINE_STYLE}</style>
</head>
<body>
<header>
<h1>${h(title)}</h1>
<p class="verdict" style="border-color:${h(verdictColor)}"><strong>${h(p.verdict(report.summary.verdict))}</strong></p>
<dl class="meta">
${row(p.t('report.page'), `<span class="mono">${h(report.page.url)}</span>`)}
${row(p.t('report.site'), h(report.page.site))}
${row(p.t('report.visitStarted'), time(report.page.visitStartedAt))}
${row(p.t('report.generated'), time(report.generatedAt))}
${row(p.t('report.policyModel'), policyLine(report, p))}
${row(p.t('report.checkedAgainst'), h(p.t(`report.checkedAgainst.${report.summary.checkedAgainst}`)))}
${report.scenario ? row(p.t('report.scenario'), h(p.t('report.scenarioValue', { name: p.t(`cli.scenario.${report.scenario.name}`), actions: p.actions(report.scenario.actions) }))) : ''}
${row(p.t('report.consentNow'), h(p.consent(report.consent.now)))}
${row(p.t('report.consentTools'), report.consent.tools.length ? h(report.consent.tools.join(', ')) : h(p.t('report.consentToolsNone')))}
${row(p.t('report.requests'), h(p.t('report.requestsValue', { requests: report.counts.requests, thirdParty: report.counts.thirdPartyRequests })))}
${row(p.t('report.violationsNotices'), `${h(report.summary.violations)} / ${h(report.summary.notices)}`)}
${row(p.t('report.extension'), `PolicyLens ${h(options.extensionVersion)}`)}
${row(p.t('report.browser'), h(options.browserVersion))}
${options.bundleHash ? row(p.t('report.bundleHash'), `<span class="mono">${h(options.bundleHash)}</span>`) : ''}
</dl>
</header>
<main>
${warningsSection(report, p)}
<section id="findings">
<h2>${h(p.t('report.discrepancies', { count: violations.length }))}</h2>
${violations.length ? severityGroups(violations, p) : `<p>${h(none)}</p>`}
</section>
${timelineSection(report, p)}
${notices.length ? `<section id="notices">\n<h2>${h(p.t('report.notices', { count: notices.length }))}</h2>\n${notices.map((f) => findingHtml(f, p)).join('\n')}\n</section>` : ''}
${vendorsSection(report, p)}
${cookiesSection(report, p)}
${storageSection(report, p)}
${options.requestLog ? requestLogSection(options.requestLog, p) : ''}
${uncheckableSection(report, p)}
</main>
<footer>
<p>${h(p.t('report.footer', { version: options.extensionVersion, browser: options.browserVersion, time: isoUtc(report.generatedAt) }))}</p>
</footer>
</body>
</html>
`;
}

function row(label: string, valueHtml: string): string {
  return `<div><dt>${h(label)}</dt><dd>${valueHtml}</dd></div>`;
}

function time(epochMs: number | null): string {
  const iso = isoUtc(epochMs);
  return iso ? `<time datetime="${h(iso)}">${h(iso)}</time>` : '—';
}

function policyLine(report: AuditReport, p: Presenter): string {
  const policy = report.policy;
  if (!policy) return h(p.t('report.policyNone'));
  const dated = [
    policy.policyDate ? p.t('report.policyDated', { date: policy.policyDate }) : null,
    policy.policyVersion ? p.t('report.policyVersion', { version: policy.policyVersion }) : null,
  ]
    .filter(Boolean)
    .join(', ');
  const origin = p.t(
    policy.origin === 'bundled'
      ? 'report.policyBundled'
      : policy.origin === 'consent-declaration'
        ? 'report.policyConsentDeclaration'
        : 'report.policyImported',
  );
  return `${h(policy.title)}${dated ? ` (${h(dated)})` : ''}, ${h(origin)} <span class="mono">[${h(policy.id)}]</span>`;
}

function warningsSection(report: AuditReport, p: Presenter): string {
  if (!report.warnings.length) return '';
  const items = report.warnings.map((w) => `<li><strong class="mono">${h(w.code)}</strong>: ${h(p.warning(w))}</li>`).join('\n');
  return `<section id="warnings" class="warnings">\n<h2>${h(p.t('report.warningsHeading'))}</h2>\n<ul>\n${items}\n</ul>\n</section>`;
}

function severityGroups(findings: Finding[], p: Presenter): string {
  return SEVERITIES.map((severity) => {
    const group = findings.filter((f) => f.severity === severity);
    if (!group.length) return '';
    return `<h3 class="sev-heading" style="color:${h(themeVar(`sev-${severity}`))}">${h(p.severity(severity))} (${h(group.length)})</h3>\n${group.map((f) => findingHtml(f, p)).join('\n')}`;
  })
    .filter(Boolean)
    .join('\n');
}

function findingHtml(f: Finding, p: Presenter): string {
  const a = f.attribution;
  const who = [a.vendorName, a.legalEntity ?? a.organisation, a.country ? p.country(a.country) : null].filter(Boolean).join(' · ');
  const attributed = who ? p.t('report.attributedTo', { who }) : '';
  const line =
    who && a.confidence
      ? p.t('report.attributedConfidence', { attribution: attributed, confidence: p.t(`confidence.${a.confidence}`), basis: p.basis(a.basis) })
      : attributed;
  const attribution = line ? `<p class="who">${h(line)}</p>` : '';
  return `<article class="finding" id="finding-${h(f.id)}" style="border-left-color:${h(themeVar(`sev-${f.severity}`))};background:${h(themeVar(`tint-${f.severity}`))}">
<h4><span class="chip" style="background:${h(themeVar(`sev-${f.severity}`))}">${h(p.severity(f.severity))}</span> ${h(p.findingTitle(f))}</h4>
<p>${h(p.findingExplanation(f))}</p>
<p class="small">${h(p.t('report.ruleLine', { rule: f.ruleId, id: f.id, kind: f.subject.kind, label: f.subject.label }))}</p>
${f.parts ? `<p class="small parts">${h(p.t('report.seenIn', { parts: p.parts(f.parts) }))}</p>` : ''}
${attribution}
${clauseHtml(f, p)}
${evidenceTable(f.evidence, p)}
${f.evidenceOmitted > 0 ? `<p class="small">${h(p.t('report.evidenceOmitted', { count: f.evidenceOmitted }))}</p>` : ''}
</article>`;
}

function clauseHtml(f: Finding, p: Presenter): string {
  const grounds = f.grounds ? `<p class="small grounds">${h(p.t(`grounds.${f.grounds}`))}</p>\n` : '';
  if (f.clause) return grounds + quoteHtml(f.clause, p.t(f.clause.origin === 'legal-baseline' ? 'report.lawSays' : 'report.policySays'), p);
  if (f.absence) return `${grounds}<p class="absence"><strong>${h(p.t('report.policySilent'))}</strong> ${h(p.absence(f.absence))}</p>`;
  return '';
}

function quoteHtml(clause: PolicyClause, label: string, p: Presenter): string {
  return `<figure class="clause">
<figcaption>${h(p.t('report.clauseCaption', { label, document: clause.document, section: clause.section, origin: clause.origin }))}</figcaption>
<blockquote lang="${h(clause.language)}">${h(clause.quote)}</blockquote>
</figure>`;
}

function evidenceTable(evidence: EvidenceItem[], p: Presenter): string {
  if (!evidence.length) return '';
  const rows = evidence
    .map((e) => {
      const d = p.evidence(e);
      const what = [d.what, d.subject].filter(Boolean).join(' ') + (d.details ? ` (${d.details})` : '');
      const where = [d.where, d.frame].filter(Boolean).join(' — ');
      return `<tr><td>${h(what)}</td><td class="mono">${h(where)}</td><td>${time(e.at)}</td><td>${h(p.consent(e.consent))}</td></tr>`;
    })
    .join('\n');
  return `<table class="evidence"><caption>${h(p.t('report.evidence'))}</caption><thead><tr><th scope="col">${h(p.t('report.evidenceWhat'))}</th><th scope="col">${h(p.t('report.evidenceWhere'))}</th><th scope="col">${h(p.t('report.evidenceWhen'))}</th><th scope="col">${h(p.t('report.evidenceConsent'))}</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function headerRow(p: Presenter, keys: readonly string[]): string {
  return `<tr>${keys.map((k) => `<th scope="col">${h(p.t(k))}</th>`).join('')}</tr>`;
}

function vendorsSection(report: AuditReport, p: Presenter): string {
  if (!report.vendors.length) return '';
  const rows = report.vendors
    .map(
      (v) =>
        `<tr><td>${h(v.name)}${(v.legalEntity ?? v.organisation) ? `<br><span class="small">${h(v.legalEntity ?? v.organisation)}</span>` : ''}</td><td>${yesNo(v.declared, p)}</td><td>${yesNo(v.observed, p)}</td><td>${h(p.vendorCategory(v.category))} / ${h(p.consentCategory(v.consentCategory))}</td><td>${h(v.country ? p.country(v.country) : '—')}</td><td class="num">${h(v.requests)}</td><td class="num">${h(v.cookies)}</td><td class="num">${h(v.storageKeys)}</td><td class="mono">${h(v.hosts.join(', '))}</td></tr>`,
    )
    .join('\n');
  const head = headerRow(p, [
    'report.company',
    'report.declared',
    'report.seen',
    'report.categoryConsent',
    'report.country',
    'report.requests',
    'report.cookiesCol',
    'report.storageCol',
    'report.hosts',
  ]);
  return `<section id="vendors">\n<h2>${h(p.t('report.companies', { count: report.vendors.length }))}</h2>\n<table><thead>${head}</thead><tbody>\n${rows}\n</tbody></table>\n</section>`;
}

function cookiesSection(report: AuditReport, p: Presenter): string {
  if (!report.cookies.length) return '';
  const rows = report.cookies
    .map((c) => {
      const set = p.t(c.setBeforeConsent ? 'report.setBeforeConsent' : 'report.setAfterConsent', { consent: p.consent(c.consentAtSet) });
      const notes = `${c.stored ? '' : ` ${p.t('report.notStored')}`}${c.preexisting ? ` ${p.t('report.preexisting')}` : ''}`;
      return `<tr><td class="mono">${h(c.name)}</td><td class="mono">${h(c.domain)}</td><td>${h(p.party(c.party))}</td><td>${h(p.lifetime(c.session ? null : (c.lifetimeDays ?? 0)))}</td><td>${h(set)}</td><td>${yesNo(c.declared, p)}</td><td>${h(c.vendorName ?? '—')}</td><td>${time(c.firstSeenAt)}${h(notes)}</td></tr>`;
    })
    .join('\n');
  const head = headerRow(p, [
    'report.name',
    'report.domain',
    'report.party',
    'report.lifetime',
    'report.set',
    'report.declared',
    'report.company',
    'report.firstSeen',
  ]);
  return `<section id="cookies">\n<h2>${h(p.t('report.cookies', { count: report.cookies.length }))}</h2>\n<table><thead>${head}</thead><tbody>\n${rows}\n</tbody></table>\n</section>`;
}

function storageSection(report: AuditReport, p: Presenter): string {
  if (!report.storage.length) return '';
  const rows = report.storage
    .map(
      (s) =>
        `<tr><td>${h(s.area)}</td><td class="mono">${h(s.key)}</td><td class="mono">${h(s.origin)}</td><td class="num">${h(s.size)}</td><td>${h(p.consent(s.consentAtSet))}</td><td>${yesNo(s.declared, p)}</td><td>${h(s.vendorName ?? '—')}</td><td>${time(s.firstSeenAt)}</td></tr>`,
    )
    .join('\n');
  const head = headerRow(p, [
    'report.area',
    'report.key',
    'report.origin',
    'report.size',
    'report.consentWhenSet',
    'report.declared',
    'report.company',
    'report.firstSeen',
  ]);
  return `<section id="storage">\n<h2>${h(p.t('report.storage', { count: report.storage.length }))}</h2>\n<table><thead>${head}</thead><tbody>\n${rows}\n</tbody></table>\n</section>`;
}

function uncheckableSection(report: AuditReport, p: Presenter): string {
  if (!report.uncheckable.length) return '';
  const items = report.uncheckable
    .map(
      (u) =>
        `<li><p><strong>${h(p.uncheckable(u))}</strong> <span class="small mono">[${h(u.kind)}]</span></p>${quoteHtml(u.clause, p.t('report.policyText'), p)}</li>`,
    )
    .join('\n');
  return `<section id="uncheckable">\n<h2>${h(p.t('report.uncheckable', { count: report.uncheckable.length }))}</h2>\n<ul class="plain">\n${items}\n</ul>\n</section>`;
}

function yesNo(value: boolean, p: Presenter): string {
  return value ? h(p.t('report.yes')) : `<strong>${h(p.t('report.no'))}</strong>`;
}

// Names and URLs come from the page and can be 10,000 characters without a space: all text wraps.
const STYLE = `
:root { color: var(--pl-fg); background: var(--pl-bg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
body { max-width: 60rem; margin: 0 auto; padding: 1.5rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid var(--pl-border); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .25rem; }
.host, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.verdict { border-left: 6px solid; padding: .5rem .75rem; background: var(--pl-surface); font-size: 1.1rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
.meta div { display: contents; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.warnings { border: 2px solid var(--pl-warning); background: var(--pl-warning-bg); padding: .25rem 1rem; margin-top: 1rem; }
.warnings h2 { border: 0; margin-top: .5rem; }
.finding { border-left: 6px solid; padding: .6rem .8rem; margin: .6rem 0; break-inside: avoid; }
.chip { color: var(--pl-on-sev); border-radius: 3px; padding: 0 .35rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
.small { font-size: .85rem; color: var(--pl-muted); }
.who { margin: .25rem 0; }
figure.clause { margin: .5rem 0; }
figcaption { font-size: .85rem; color: var(--pl-muted); }
blockquote { margin: .25rem 0 0; padding: .4rem .75rem; border-left: 3px solid var(--pl-subtle); background: var(--pl-bg); font-style: italic; }
.absence { background: var(--pl-bg); padding: .4rem .75rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .85rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
a { color: var(--pl-link); }
th, td { border: 1px solid var(--pl-border); padding: .25rem .4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--pl-surface-strong); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
summary { cursor: pointer; font-weight: 600; }
ul.plain { list-style: none; padding: 0; }
footer { margin-top: 2rem; border-top: 1px solid var(--pl-border); font-size: .85rem; color: var(--pl-muted); }
@media print {
  :root { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  .finding, tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
  .chip, .finding, .warnings, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
