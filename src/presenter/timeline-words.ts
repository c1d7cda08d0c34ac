import type { TimelineLayout, TimelineLine, TimelineMark } from '../core/report/timeline-layout.ts';
import { isoUtc } from '../core/report/format-time.ts';
import type { Presenter } from './presenter.ts';

/**
 * The consent timeline in words, shared by the popup's component and the HTML report's SVG:
 * each mark's evidence (its tooltip and its row in the table), each line's consent change,
 * and the figure's title and description for screen readers.
 */

/** Seconds after the timeline's start, as the language writes numbers. */
export function timelineOffset(at: number, layout: Pick<TimelineLayout, 'startedAt'>, p: Presenter): string {
  return p.t('timeline.offset', { seconds: p.number(Math.round((at - layout.startedAt) / 10) / 100) });
}

export function timelineCategory(category: string, p: Presenter): string {
  return category === 'unknown' ? p.t('timeline.category.unknown') : p.consentCategory(category);
}

/** What a mark shows: the evidence, when, under which consent, and the rules it breaks. */
export function timelineMarkText(mark: TimelineMark, laneLabel: string, layout: Pick<TimelineLayout, 'startedAt'>, p: Presenter): string {
  const d = p.evidence(mark.evidence);
  const text = p.t('timeline.mark', {
    what: [d.what, d.subject].filter(Boolean).join(' '),
    company: laneLabel,
    offset: timelineOffset(mark.at, layout, p),
    time: isoUtc(mark.at),
    consent: p.consent(mark.evidence.consent),
  });
  return mark.violation ? p.t('timeline.markViolation', { text, rules: mark.rules.join(', ') }) : text;
}

export function timelineLineText(line: TimelineLine, layout: Pick<TimelineLayout, 'startedAt'>, p: Presenter): string {
  const what =
    line.kind === 'click' && line.action ? p.t('timeline.line.click', { action: p.t(`timeline.action.${line.action}`) }) : p.t(`timeline.line.${line.kind}`);
  return p.t('timeline.lineAt', { what, offset: timelineOffset(line.at, layout, p), time: isoUtc(line.at) });
}

/** The figure's description: how much it shows, for a reader who cannot see it. */
export function timelineDescription(layout: TimelineLayout, p: Presenter): string {
  return p.t('timeline.desc', {
    marks: layout.marks.length,
    lanes: layout.lanes.length,
    violations: layout.marks.filter((m) => m.violation).length,
    changes: layout.lines.length,
    seconds: p.number(Math.round((layout.endedAt - layout.startedAt) / 100) / 10),
  });
}
