import type { AuditReport } from '../core/audit/report-types.ts';
import { escapeHtml as h } from '../core/report/escape-html.ts';
import { isoUtc } from '../core/report/format-time.ts';
import { timelineLayout, type TimelineLayout, type TimelineMark } from '../core/report/timeline-layout.ts';
import { categoryColor, LINE_COLORS, VIOLATION_COLOR } from '../core/report/timeline-palette.ts';
import type { Presenter } from './presenter.ts';
import { timelineCategory, timelineDescription, timelineLineText, timelineMarkText, timelineOffset } from './timeline-words.ts';

/** Lane labels longer than this are cut (the full name is in the mark's title and the table). */
const LABEL_CHARS = 24;

/**
 * The HTML report's consent timeline: an inline SVG (no script; each mark and line is
 * focusable and carries its evidence in a <title>, the browser's tooltip on hover), a
 * title and description for screen readers, a legend, and the same marks as a table,
 * which is also what a printout or a reader without the picture gets. Empty when the
 * report holds no evidence to draw.
 */
export function timelineSection(report: AuditReport, p: Presenter): string {
  const layout = timelineLayout(report);
  if (layout.marks.length === 0) return '';
  return `<section id="timeline">
<h2>${h(p.t('timeline.heading'))}</h2>
<figure class="timeline">
${timelineSvg(layout, p)}
<figcaption>${legend(layout, p)}</figcaption>
</figure>
${timelineTable(layout, p)}
</section>`;
}

export function timelineSvg(layout: TimelineLayout, p: Presenter): string {
  const laneRows = layout.lanes
    .map((lane, i) => {
      const top = lane.y - layout.laneHeight / 2;
      const label = lane.label.length > LABEL_CHARS ? `${lane.label.slice(0, LABEL_CHARS - 1)}…` : lane.label;
      return `<rect x="0" y="${top}" width="${layout.width}" height="${layout.laneHeight}" fill="${i % 2 ? '#ffffff' : '#f5f6f8'}"/><text x="${layout.plotLeft - 8}" y="${lane.y + 4}" text-anchor="end" class="lane-label" fill="${h(categoryColor(lane.category))}">${h(label)}</text>`;
    })
    .join('\n');
  const ticks = layout.ticks
    .map(
      (t) =>
        `<line x1="${t.x}" x2="${t.x}" y1="${layout.axisY}" y2="${layout.axisY + 5}" stroke="#344054"/><text x="${t.x}" y="${layout.axisY + 17}" text-anchor="middle" class="tick">${h(timelineOffset(layout.startedAt + t.ms, layout, p))}</text>`,
    )
    .join('');
  const lines = layout.lines
    .map(
      (l) =>
        `<g class="change" tabindex="0" data-kind="${h(l.kind)}" data-at="${h(l.at)}"><title>${h(timelineLineText(l, layout, p))}</title><line x1="${l.x}" x2="${l.x}" y1="${layout.plotTop - 14}" y2="${layout.axisY}" stroke="${h(LINE_COLORS[l.kind])}" stroke-width="${l.kind === 'click' ? 2.5 : 1.5}"${l.kind === 'shown' || l.kind === 'reload' ? ' stroke-dasharray="4 3"' : ''}/><rect x="${l.x - 4}" y="${layout.plotTop - 18}" width="8" height="8" fill="${h(LINE_COLORS[l.kind])}"/></g>`,
    )
    .join('\n');
  const marks = layout.marks.map((m) => markSvg(m, layout, p)).join('\n');
  return `<svg class="timeline-plot" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="group" aria-labelledby="timeline-title" aria-describedby="timeline-desc" xmlns="http://www.w3.org/2000/svg">
<title id="timeline-title">${h(p.t('timeline.heading'))}</title>
<desc id="timeline-desc">${h(timelineDescription(layout, p))}</desc>
${laneRows}
<line x1="${layout.plotLeft}" x2="${layout.plotRight}" y1="${layout.axisY}" y2="${layout.axisY}" stroke="#344054"/>${ticks}
${lines}
${marks}
</svg>`;
}

function markSvg(m: TimelineMark, layout: TimelineLayout, p: Presenter): string {
  const color = h(categoryColor(m.category));
  const shape =
    m.kind === 'request'
      ? `<circle class="shape" cx="${m.x}" cy="${m.y}" r="4.5" fill="${color}"/>`
      : m.kind === 'cookie'
        ? `<rect class="shape" x="${m.x - 4.5}" y="${m.y - 4.5}" width="9" height="9" fill="${color}"/>`
        : `<polygon class="shape" points="${m.x},${m.y - 6} ${m.x + 6},${m.y} ${m.x},${m.y + 6} ${m.x - 6},${m.y}" fill="${color}"/>`;
  const ring = m.violation ? `<circle cx="${m.x}" cy="${m.y}" r="8.5" fill="none" stroke="${VIOLATION_COLOR}" stroke-width="2.5"/>` : '';
  const lane = layout.lanes[m.lane]!;
  return `<g class="mark${m.violation ? ' violation' : ''}" tabindex="0" data-kind="${m.kind}" data-at="${h(m.at)}" data-lane="${h(lane.key)}"><title>${h(timelineMarkText(m, lane.label, layout, p))}</title>${ring}${shape}</g>`;
}

function legend(layout: TimelineLayout, p: Presenter): string {
  const categories = [...new Set(layout.lanes.map((l) => l.category))];
  const swatch = (svg: string) => `<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">${svg}</svg>`;
  const items = [
    `<li>${swatch('<circle cx="7" cy="7" r="4.5" fill="currentColor"/>')} ${h(p.t('timeline.legend.request'))}</li>`,
    `<li>${swatch('<rect x="2.5" y="2.5" width="9" height="9" fill="currentColor"/>')} ${h(p.t('timeline.legend.cookie'))}</li>`,
    `<li>${swatch('<polygon points="7,1 13,7 7,13 1,7" fill="currentColor"/>')} ${h(p.t('timeline.legend.storage'))}</li>`,
    `<li>${swatch(`<circle cx="7" cy="7" r="5.5" fill="none" stroke="${VIOLATION_COLOR}" stroke-width="2.5"/>`)} ${h(p.t('timeline.legend.violation'))}</li>`,
    ...categories.map((c) => `<li>${swatch(`<rect x="1" y="1" width="12" height="12" fill="${h(categoryColor(c))}"/>`)} ${h(timelineCategory(c, p))}</li>`),
    ...[...new Set(layout.lines.map((l) => l.kind))].map(
      (k) =>
        `<li>${swatch(`<rect x="5.5" y="0" width="3" height="14" fill="${h(LINE_COLORS[k])}"/>`)} ${h(p.t(`timeline.line.${k === 'click' ? 'clickAny' : k}`))}</li>`,
    ),
  ];
  return `<ul class="legend">${items.join('')}</ul>`;
}

/** The text alternative: every mark and consent change in time order (marks keep the figure's order). */
function timelineTable(layout: TimelineLayout, p: Presenter): string {
  type Row = { at: number; change: 0 | 1; html: string };
  const rows: Row[] = [
    ...layout.marks.map((m) => {
      const lane = layout.lanes[m.lane]!;
      const d = p.evidence(m.evidence);
      const what = [d.what, d.subject].filter(Boolean).join(' ');
      return {
        at: m.at,
        change: 1 as const,
        html: `<tr class="mark-row${m.violation ? ' violation' : ''}" data-kind="${m.kind}" data-at="${h(m.at)}"><td>${h(timelineOffset(m.at, layout, p))}<br><span class="small">${h(isoUtc(m.at))}</span></td><td>${h(lane.label)}<br><span class="small">${h(timelineCategory(lane.category, p))}</span></td><td class="mono">${h(what)}</td><td>${h(p.consent(m.evidence.consent))}</td><td>${m.violation ? `<strong>${h(m.rules.join(', '))}</strong>` : '—'}</td></tr>`,
      };
    }),
    ...layout.lines.map((l) => ({
      at: l.at,
      change: 0 as const,
      html: `<tr class="change-row" data-kind="${h(l.kind)}" data-at="${h(l.at)}"><td>${h(timelineOffset(l.at, layout, p))}<br><span class="small">${h(isoUtc(l.at))}</span></td><td colspan="4"><strong>${h(timelineLineText(l, layout, p))}</strong></td></tr>`,
    })),
  ];
  // Stable: marks at the same moment as a change keep their own order, after the change.
  const ordered = rows.map((r, i) => ({ ...r, i })).sort((a, b) => a.at - b.at || a.change - b.change || a.i - b.i);
  const head = ['timeline.col.when', 'timeline.col.company', 'timeline.col.what', 'timeline.col.consent', 'timeline.col.violation']
    .map((k) => `<th scope="col">${h(p.t(k))}</th>`)
    .join('');
  return `<table class="timeline-table"><caption>${h(p.t('timeline.tableCaption'))}</caption><thead><tr>${head}</tr></thead><tbody>
${ordered.map((r) => r.html).join('\n')}
</tbody></table>`;
}

/** The timeline's share of the report's style sheet. */
export const TIMELINE_STYLE = `
.timeline { margin: .5rem 0; }
/* The plot keeps its light colours in the dark scheme: a light card, so the category colours keep their contrast. */
.timeline-plot { max-width: 100%; height: auto; font: 11px system-ui, sans-serif; background: #ffffff; color-scheme: light; }
.timeline-plot .lane-label { font-weight: 600; }
.timeline-plot .tick { fill: #344054; }
.timeline-plot g.mark:focus, .timeline-plot g.change:focus { outline: none; }
.timeline-plot g.mark:focus .shape, .timeline-plot g.mark:hover .shape { stroke: #1d4ed8; stroke-width: 3; }
.timeline-plot g.change:focus line { stroke: #1d4ed8; stroke-width: 3; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; }
.legend svg { vertical-align: -2px; }
tr.mark-row.violation td { background: var(--pl-tint-critical); }
@media print { .timeline-plot { width: 100%; } .timeline-plot * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;
