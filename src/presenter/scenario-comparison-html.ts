import type { ComparedCookie, ComparedVendor, ComparisonMark, ScenarioComparison } from '../core/audit/scenario-comparison.ts';
import { escapeHtml as h } from '../core/report/escape-html.ts';
import { isoUtc } from '../core/report/format-time.ts';
import { SEVERITY_COLORS, SEVERITY_TINTS } from '../core/report/severity-palette.ts';
import type { Presenter } from './presenter.ts';
import { htmlDocumentStart } from './html-head.ts';

export interface ComparisonPageOptions {
  presenter: Presenter;
  toolVersion: string;
  createdAt: number;
  /** Scenarios of these pages that could not be audited, per page URL. */
  failed?: ReadonlyMap<string, readonly string[]>;
}

/** The marks that say something broke the consent given or refused: drawn as violations. */
const BROKEN: ReadonlySet<ComparisonMark['code']> = new Set(['before-consent', 'after-refusal', 'after-withdrawal']);

/**
 * One self-contained HTML page (no script, nothing loaded: the same head as the reports)
 * with each page's consent scenarios side by side: what every company and cookie did in
 * each, the differences marked, and a link to each scenario's own report. Every value is
 * escaped: names, hosts and URLs come from hostile pages.
 */
export function renderScenarioComparison(pages: readonly ScenarioComparison[], options: ComparisonPageOptions): string {
  const p = options.presenter;
  const title = p.t('comparison.title');
  return `${htmlDocumentStart(p.lang, options.toolVersion, `${title} (${isoUtc(options.createdAt)})`)}${STYLE}</style>
</head>
<body>
<header>
<h1>${h(title)}</h1>
<p>${h(p.t('comparison.intro'))}</p>
</header>
<main>
${pages.map((page, i) => pageSection(page, i, options)).join('\n')}
</main>
<footer>
<p>${h(p.t('comparison.footer', { version: options.toolVersion, time: isoUtc(options.createdAt) }))}</p>
</footer>
</body>
</html>
`;
}

function pageSection(page: ScenarioComparison, index: number, options: ComparisonPageOptions): string {
  const p = options.presenter;
  const failed = options.failed?.get(page.url) ?? [];
  return `<section class="page" id="page-${index + 1}" data-url="${h(page.url)}">
<h2 class="mono">${h(page.url)}</h2>
${scenariosTable(page, p)}
${failed.length ? `<p class="failed">${h(p.t('comparison.failedScenarios', { scenarios: p.list(failed.map((s) => scenarioName(s, p))) }))}</p>` : ''}
${vendorsTable(page, p)}
${cookiesTable(page, p)}
</section>`;
}

function scenarioName(name: string, p: Presenter): string {
  const key = `cli.scenario.${name}`;
  const worded = p.t(key);
  return worded === key ? name : worded;
}

function scenarioHeads(page: ScenarioComparison, p: Presenter): string {
  return page.scenarios.map((s) => `<th scope="col" data-scenario="${h(s.name)}">${h(scenarioName(s.name, p))}</th>`).join('');
}

function scenariosTable(page: ScenarioComparison, p: Presenter): string {
  const rows = page.scenarios
    .map(
      (s) =>
        `<tr data-scenario="${h(s.name)}"><th scope="row">${h(scenarioName(s.name, p))}</th><td>${h(p.t(`comparison.choice.${s.choice}`))}</td><td>${h(p.verdict(s.verdict))}</td><td class="num">${h(s.violations)}</td><td class="num">${h(s.requests)}</td><td>${s.href ? `<a href="${h(s.href)}">${h(p.t('comparison.openReport'))}</a>` : h(p.t('comparison.noReport'))}</td></tr>`,
    )
    .join('\n');
  const heads = ['comparison.scenario', 'comparison.choice', 'comparison.verdict', 'comparison.violations', 'comparison.requests', 'comparison.report'];
  return `<table class="scenarios"><caption>${h(p.t('comparison.scenarios'))}</caption><thead><tr>${heads.map((k) => `<th scope="col">${h(p.t(k))}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>`;
}

function marksHtml(marks: readonly ComparisonMark[], prefix: 'comparison.mark' | 'comparison.cookieMark', p: Presenter): string {
  if (!marks.length) return `<td class="marks">—</td>`;
  const items = marks
    .map(
      (m) =>
        `<li class="mark ${BROKEN.has(m.code) ? 'broken' : 'fine'}" data-mark="${h(m.code)}">${h(p.t(`${prefix}.${m.code}`, { scenarios: p.list(m.scenarios.map((s) => scenarioName(s, p))) }))}</li>`,
    )
    .join('');
  return `<td class="marks"><ul>${items}</ul></td>`;
}

/** Scenarios a mark that breaks consent holds in: their cells are drawn as violations. */
function brokenIn(marks: readonly ComparisonMark[]): Set<string> {
  return new Set(marks.filter((m) => BROKEN.has(m.code)).flatMap((m) => m.scenarios));
}

function vendorsTable(page: ScenarioComparison, p: Presenter): string {
  if (!page.vendors.length) return `<p>${h(p.t('comparison.noCompanies'))}</p>`;
  const rows = page.vendors.map((v) => vendorRow(v, page, p)).join('\n');
  return `<table class="vendors"><caption>${h(p.t('comparison.companies', { count: page.vendors.length }))}</caption><thead><tr><th scope="col">${h(p.t('comparison.company'))}</th>${scenarioHeads(page, p)}<th scope="col">${h(p.t('comparison.differences'))}</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function vendorRow(v: ComparedVendor, page: ScenarioComparison, p: Presenter): string {
  const broken = brokenIn(v.marks);
  const cells = v.cells
    .map((cell, i) => {
      const name = page.scenarios[i]!.name;
      if (!cell) return `<td class="absent" data-scenario="${h(name)}">${h(p.t('comparison.notSeen'))}</td>`;
      const counts = p.t('comparison.vendorCell', { requests: cell.requests, cookies: cell.cookies, storage: cell.storageKeys });
      const rules = cell.rules.length ? `<br><span class="small mono">${h(cell.rules.join(', '))}</span>` : '';
      return `<td class="${broken.has(name) ? 'broken' : 'ran'}" data-scenario="${h(name)}" data-requests="${h(cell.requests)}">${h(counts)}${rules}</td>`;
    })
    .join('');
  return `<tr data-vendor="${h(v.key)}"><th scope="row">${h(v.name)}<br><span class="small">${h(p.consentCategory(v.consentCategory))}</span></th>${cells}${marksHtml(v.marks, 'comparison.mark', p)}</tr>`;
}

function cookiesTable(page: ScenarioComparison, p: Presenter): string {
  if (!page.cookies.length) return `<p>${h(p.t('comparison.noCookies'))}</p>`;
  const rows = page.cookies.map((c) => cookieRow(c, page, p)).join('\n');
  return `<table class="cookies"><caption>${h(p.t('comparison.cookies', { count: page.cookies.length }))}</caption><thead><tr><th scope="col">${h(p.t('comparison.cookie'))}</th>${scenarioHeads(page, p)}<th scope="col">${h(p.t('comparison.differences'))}</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function cookieRow(c: ComparedCookie, page: ScenarioComparison, p: Presenter): string {
  const broken = brokenIn(c.marks);
  const cells = c.cells
    .map((cell, i) => {
      const name = page.scenarios[i]!.name;
      if (!cell) return `<td class="absent" data-scenario="${h(name)}">${h(p.t('comparison.notSet'))}</td>`;
      const notes = [cell.preexisting ? p.t('comparison.leftover') : null, cell.stored ? null : p.t('comparison.notStored')].filter(
        (n): n is string => n !== null,
      );
      const text = p.t('comparison.cookieCell', { consent: p.consent(cell.consentAtSet), lifetime: p.lifetime(cell.lifetimeDays) });
      return `<td class="${broken.has(name) ? 'broken' : 'ran'}" data-scenario="${h(name)}">${h(text)}${notes.length ? `<br><span class="small">${h(notes.join(' · '))}</span>` : ''}</td>`;
    })
    .join('');
  const who = c.vendorName ?? p.t('comparison.unknownCompany');
  return `<tr data-cookie="${h(`${c.name}|${c.domain}`)}"><th scope="row"><span class="mono">${h(c.name)}</span><br><span class="small mono">${h(c.domain)}</span><br><span class="small">${h(who)}</span></th>${cells}${marksHtml(c.marks, 'comparison.cookieMark', p)}</tr>`;
}

const STYLE = `
:root { color: #1b1b1f; background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
body { max-width: 80rem; margin: 0 auto; padding: 1.5rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #d0d5dd; padding-bottom: .25rem; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.small { font-size: .85rem; color: #344054; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0; font-size: .85rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #d0d5dd; padding: .25rem .4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #f2f4f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.absent { color: #667085; }
td.broken { background: ${SEVERITY_TINTS.critical}; border-left: 4px solid ${SEVERITY_COLORS.critical}; }
td.marks ul { margin: 0; padding-left: 1rem; }
li.mark.broken { color: ${SEVERITY_COLORS.critical}; font-weight: 600; }
.failed { border-left: 4px solid #8a4500; padding: .25rem .5rem; background: #fff6e5; }
footer { margin-top: 2rem; border-top: 1px solid #d0d5dd; font-size: .85rem; color: #344054; }
@media print {
  :root { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  td.broken, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
