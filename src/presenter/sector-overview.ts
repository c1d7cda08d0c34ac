import { SEVERITIES, type Severity, type Verdict } from '../core/audit/report-types.ts';
import { escapeHtml as h } from '../core/report/escape-html.ts';
import { NEUTRAL_COLOR, SEVERITY_COLORS } from '../core/report/severity-palette.ts';
import type { Presenter } from './presenter.ts';
import { htmlDocumentStart } from './html-head.ts';

/** One page × scenario of a merged run, as the overview needs it. */
export type OverviewEntry = {
  url: string;
  scenario: string;
  /** The page's own HTML report, relative to the overview (null when none was written). */
  href: string | null;
} & (
  { ok: true; verdict: Verdict; violations: number; worstSeverity: Severity | null; rules: Readonly<Record<string, number>> } | { ok: false; reason: string }
);

export interface OverviewOptions {
  presenter: Presenter;
  /** Rule ids in registry order: the order among rules broken by as many shops. */
  ruleOrder: readonly string[];
  toolVersion: string;
}

interface ShopRow {
  host: string;
  entries: OverviewEntry[];
  worst: Severity | null;
  violations: number;
  rules: Set<string>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

const rank = (s: Severity | null): number => (s === null ? SEVERITIES.length : SEVERITIES.indexOf(s));

/** The shops (one per host), worst first: worst severity, then most violations, then host. */
function shopRows(entries: readonly OverviewEntry[]): ShopRow[] {
  const byHost = new Map<string, ShopRow>();
  for (const e of entries) {
    const host = hostOf(e.url);
    const row = byHost.get(host) ?? { host, entries: [], worst: null, violations: 0, rules: new Set<string>() };
    row.entries.push(e);
    if (e.ok) {
      row.violations += e.violations;
      if (rank(e.worstSeverity) < rank(row.worst)) row.worst = e.worstSeverity;
      for (const [rule, n] of Object.entries(e.rules)) if (n > 0) row.rules.add(rule);
    }
    byHost.set(host, row);
  }
  return [...byHost.values()].sort((a, b) => rank(a.worst) - rank(b.worst) || b.violations - a.violations || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}

/** Per rule: the shops that break it in any page or scenario, and the page audits that do. */
function ruleRows(shops: readonly ShopRow[], entries: readonly OverviewEntry[], order: readonly string[]) {
  const rules = new Map<string, { shops: number; audits: number }>();
  for (const s of shops) for (const r of s.rules) rules.set(r, { shops: (rules.get(r)?.shops ?? 0) + 1, audits: 0 });
  for (const e of entries) if (e.ok) for (const [r, n] of Object.entries(e.rules)) if (n > 0) rules.get(r)!.audits += 1;
  const position = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...rules]
    .map(([id, c]) => ({ id, ...c }))
    .sort((a, b) => b.shops - a.shops || b.audits - a.audits || position(a.id) - position(b.id) || (a.id < b.id ? -1 : 1));
}

/**
 * The sector at a glance, for a merged sweep: how many shops break which rule (most shops
 * first), every shop worst first with a link to each of its reports, and the pages that
 * could not be audited with why. Self-contained like the per-page report (inline CSS, no
 * scripts, a CSP that loads nothing); every value is escaped. Same entries, same bytes.
 */
export function renderSectorOverview(entries: readonly OverviewEntry[], options: OverviewOptions): string {
  const p = options.presenter;
  const shops = shopRows(entries);
  const audited = shops.filter((s) => s.entries.some((e) => e.ok));
  const rules = ruleRows(shops, entries, options.ruleOrder);
  const failed = entries.filter((e): e is Extract<OverviewEntry, { ok: false }> => !e.ok);
  const color = (s: Severity | null) => (s ? SEVERITY_COLORS[s] : NEUTRAL_COLOR);
  const ruleTable =
    rules.length === 0
      ? `<p data-testid="no-rules">${h(p.t('overview.noRulesBroken'))}</p>`
      : `<table data-testid="rules"><thead><tr><th>${h(p.t('overview.rule'))}</th><th>${h(p.t('overview.what'))}</th><th>${h(p.t('overview.shops'))}</th><th>${h(p.t('overview.audits'))}</th></tr></thead><tbody>
${rules
  .map(
    (r) =>
      `<tr data-rule="${h(r.id)}"><td><code>${h(r.id)}</code></td><td>${h(p.ruleDescription(r.id))}</td><td data-testid="rule-shops">${h(p.t('overview.ofShops', { count: r.shops, total: audited.length }))}</td><td data-testid="rule-audits">${h(p.number(r.audits))}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
  const link = (e: OverviewEntry) => {
    const label = `${p.t(`cli.scenario.${e.scenario}`)}${e.ok ? '' : ` (${p.t(`batch.failure.${e.reason}`)})`}`;
    return e.href ? `<a href="${h(e.href)}">${h(label)}</a>` : h(label);
  };
  const shopTable = `<table data-testid="shops"><thead><tr><th>${h(p.t('overview.shop'))}</th><th>${h(p.t('overview.worst'))}</th><th>${h(p.t('overview.violations'))}</th><th>${h(p.t('overview.rulesBroken'))}</th><th>${h(p.t('overview.reports'))}</th></tr></thead><tbody>
${shops
  .map(
    (s) =>
      `<tr data-shop="${h(s.host)}"><td>${h(s.host)}</td><td style="color:${color(s.worst)}">${h(s.worst ? p.severity(s.worst) : '–')}</td><td data-testid="shop-violations">${h(p.number(s.violations))}</td><td>${[
        ...s.rules,
      ]
        .sort()
        .map((r) => `<code>${h(r)}</code>`)
        .join(' ')}</td><td>${s.entries.map(link).join(' · ')}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
  const failedTable =
    failed.length === 0
      ? ''
      : `<h2>${h(p.t('overview.failedHeading'))}</h2>
<table data-testid="failed"><thead><tr><th>${h(p.t('cli.url'))}</th><th>${h(p.t('cli.scenario'))}</th><th>${h(p.t('overview.reason'))}</th></tr></thead><tbody>
${failed.map((f) => `<tr data-failed="${h(f.url)}"><td>${h(f.url)}</td><td>${h(p.t(`cli.scenario.${f.scenario}`))}</td><td data-reason="${h(f.reason)}">${h(p.t(`batch.failure.${f.reason}`))}</td></tr>`).join('\n')}
</tbody></table>`;
  return `${htmlDocumentStart(p.lang, options.toolVersion, p.t('overview.title'))}
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b}
table{border-collapse:collapse;margin:1rem 0;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}
code{font-size:12px}
</style>
</head>
<body>
<h1>${h(p.t('overview.title'))}</h1>
<p data-testid="intro">${h(p.t('overview.intro', { shops: shops.length, audits: entries.length, failed: failed.length }))}</p>
<h2>${h(p.t('overview.rulesHeading'))}</h2>
${ruleTable}
<h2>${h(p.t('overview.shopsHeading'))}</h2>
${shopTable}
${failedTable}
</body>
</html>
`;
}
