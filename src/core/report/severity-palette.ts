import type { Severity } from '../audit/report-types.ts';

/**
 * Severity colours shared by the popup, the HTML report and the toolbar badge. Each is dark
 * enough for white text (and for use as text on white) to reach WCAG AA 4.5:1; a unit test
 * checks the ratios.
 */
export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = {
  critical: '#8b1a1a',
  high: '#b42318',
  medium: '#8a4500',
  low: '#1d4ed8',
  info: '#475467',
};

/** Light tint behind a severity's rows; dark body text on it stays above 4.5:1. */
export const SEVERITY_TINTS: Readonly<Record<Severity, string>> = {
  critical: '#fdecec',
  high: '#fef0ee',
  medium: '#fff6e5',
  low: '#eef4ff',
  info: '#f2f4f7',
};

/** Colour when there is nothing to flag (badge, verdict). */
export const NEUTRAL_COLOR = '#2e6b30';

/** WCAG 2.x contrast ratio between two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? '0', 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
