import type { TimelineLineKind } from './timeline-layout.ts';

/**
 * The timeline's colours: one per consent category for the marks (with a shape per kind,
 * so colour is never the only cue), and one per consent change for the vertical lines.
 * Each is dark enough to stand on white at 3:1 or more (graphics, WCAG 1.4.11).
 */
const CATEGORY_COLORS: Readonly<Record<string, string>> = {
  marketing: '#7a2e98',
  statistics: '#0b5cad',
  preferences: '#0f6e61',
  necessary: '#475467',
  unknown: '#6b5a2e',
};

export function categoryColor(category: string): string {
  return CATEGORY_COLORS[category] ?? CATEGORY_COLORS.unknown!;
}

/** The ring around a mark that is evidence of a violation. */
export const VIOLATION_COLOR = '#c01c1c';

export const LINE_COLORS: Readonly<Record<TimelineLineKind, string>> = {
  shown: '#667085',
  accepted: '#2e6b30',
  partial: '#8a4500',
  refused: '#8b1a1a',
  withdrawn: '#8b1a1a',
  click: '#1b1b1f',
  reload: '#475467',
};
