import type { Severity } from '../audit/report-types.ts';
import { NEUTRAL_COLOR, SEVERITY_COLORS, SEVERITY_TINTS } from './severity-palette.ts';

/**
 * The colours of the popup, the options page and the HTML report, light and dark, as CSS
 * custom properties (`--pl-<token>`); `themeCss()` declares both and lets
 * `prefers-color-scheme` choose. One table, so the three cannot drift apart; a unit test
 * checks the contrast of every pair the pages draw (text on its background, a severity as
 * text and as a chip, body text on a severity's tint) in both schemes.
 */
export type ThemeToken =
  | 'bg'
  | 'fg'
  | 'muted'
  | 'subtle'
  | 'border'
  | 'rule'
  | 'surface'
  | 'surface-strong'
  | 'link'
  | 'focus'
  | 'good'
  | 'bad'
  | 'warning'
  | 'warning-bg'
  | 'on-accent'
  | 'accent'
  | `sev-${Severity}`
  | `tint-${Severity}`;

export type Theme = Readonly<Record<ThemeToken, string>>;

export const LIGHT_THEME: Theme = {
  bg: '#ffffff',
  fg: '#1b1b1f',
  muted: '#344054',
  subtle: '#667085',
  border: '#d0d5dd',
  rule: '#e4e7ec',
  surface: '#f8f9fb',
  'surface-strong': '#f2f4f7',
  link: '#1d4ed8',
  focus: '#1d4ed8',
  good: NEUTRAL_COLOR,
  bad: '#b42318',
  warning: '#8a4500',
  'warning-bg': '#fff6e5',
  accent: '#1d4ed8',
  'on-accent': '#ffffff',
  'sev-critical': SEVERITY_COLORS.critical,
  'sev-high': SEVERITY_COLORS.high,
  'sev-medium': SEVERITY_COLORS.medium,
  'sev-low': SEVERITY_COLORS.low,
  'sev-info': SEVERITY_COLORS.info,
  'tint-critical': SEVERITY_TINTS.critical,
  'tint-high': SEVERITY_TINTS.high,
  'tint-medium': SEVERITY_TINTS.medium,
  'tint-low': SEVERITY_TINTS.low,
  'tint-info': SEVERITY_TINTS.info,
};

/**
 * Dark: light severity colours on a dark ground, so a severity reads as text; its chip
 * then carries dark text (`on-sev`), and its tint is a dark wash of the same hue.
 */
export const DARK_THEME: Theme = {
  bg: '#17181c',
  fg: '#e6e8ec',
  muted: '#b3bac5',
  subtle: '#9aa3b0',
  border: '#4a505c',
  rule: '#30343c',
  surface: '#202329',
  'surface-strong': '#2a2e36',
  link: '#8ab4ff',
  focus: '#8ab4ff',
  good: '#7dd181',
  bad: '#ff9b8f',
  warning: '#f2b45c',
  'warning-bg': '#33291a',
  accent: '#8ab4ff',
  'on-accent': '#111318',
  'sev-critical': '#ff8f8f',
  'sev-high': '#ffa184',
  'sev-medium': '#f2b45c',
  'sev-low': '#8ab4ff',
  'sev-info': '#bcc3ce',
  'tint-critical': '#3a1e20',
  'tint-high': '#38231f',
  'tint-medium': '#33291a',
  'tint-low': '#1d2940',
  'tint-info': '#262a31',
};

/** Text on a severity chip: white on the light scheme's dark colours, near-black on the dark scheme's light ones. */
export const ON_SEVERITY: Readonly<{ light: string; dark: string }> = { light: '#ffffff', dark: '#111318' };

/** `var(--pl-<token>)`, for inline styles. */
export function themeVar(token: ThemeToken): string {
  return `var(--pl-${token})`;
}

function declarations(theme: Theme, onSeverity: string): string {
  const tokens = Object.entries(theme).map(([token, value]) => `--pl-${token}: ${value};`);
  return [...tokens, `--pl-on-sev: ${onSeverity};`].join(' ');
}

/** The custom properties for both schemes on `:root`; the system setting picks one. */
export function themeCss(): string {
  return `:root { color-scheme: light dark; ${declarations(LIGHT_THEME, ON_SEVERITY.light)} }
@media (prefers-color-scheme: dark) { :root { ${declarations(DARK_THEME, ON_SEVERITY.dark)} } }
@media print { :root { color-scheme: light; ${declarations(LIGHT_THEME, ON_SEVERITY.light)} } }`;
}
