import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../../src/core/audit/report-types.ts';
import { contrastRatio } from '../../../src/core/report/severity-palette.ts';
import { DARK_THEME, LIGHT_THEME, ON_SEVERITY, themeCss } from '../../../src/core/report/theme.ts';
import type { Theme, ThemeToken } from '../../../src/core/report/theme.ts';

const SCHEMES = [
  ['light', LIGHT_THEME, ON_SEVERITY.light],
  ['dark', DARK_THEME, ON_SEVERITY.dark],
] as const;

/** Every text-on-ground pair the pages draw (WCAG AA: 4.5:1 for text). */
function textPairs(theme: Theme, onSeverity: string): Array<[string, string, string]> {
  const grounds: ThemeToken[] = ['bg', 'surface', 'surface-strong'];
  const texts: ThemeToken[] = ['fg', 'muted', 'link', 'good', 'bad', 'warning'];
  const pairs: Array<[string, string, string]> = [];
  for (const ground of grounds) for (const text of texts) pairs.push([`${text} on ${ground}`, theme[text], theme[ground]]);
  for (const s of SEVERITIES) {
    pairs.push([`sev-${s} on bg`, theme[`sev-${s}`], theme.bg]);
    pairs.push([`chip text on sev-${s}`, onSeverity, theme[`sev-${s}`]]);
    pairs.push([`fg on tint-${s}`, theme.fg, theme[`tint-${s}`]]);
    pairs.push([`muted on tint-${s}`, theme.muted, theme[`tint-${s}`]]);
  }
  pairs.push(['on-accent on accent', theme['on-accent'], theme.accent]);
  pairs.push(['warning on warning-bg', theme.warning, theme['warning-bg']]);
  pairs.push(['fg on warning-bg', theme.fg, theme['warning-bg']]);
  return pairs;
}

describe('theme', () => {
  it.each(SCHEMES)('keeps every text pair at 4.5:1 or more in the %s scheme', (_, theme, onSeverity) => {
    const low = textPairs(theme, onSeverity)
      .map(([name, a, b]) => [name, Math.round(contrastRatio(a, b) * 100) / 100] as const)
      .filter(([, ratio]) => ratio < 4.5);
    expect(low).toEqual([]);
  });

  it.each(SCHEMES)('draws focus rings and borders visible against the ground in the %s scheme (3:1 for non-text)', (_, theme) => {
    expect(contrastRatio(theme.focus, theme.bg)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(theme.focus, theme.surface)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(theme.subtle, theme.bg)).toBeGreaterThanOrEqual(3);
  });

  it('declares the same tokens in both schemes, the dark ones under prefers-color-scheme', () => {
    expect(Object.keys(DARK_THEME).sort()).toEqual(Object.keys(LIGHT_THEME).sort());
    const css = themeCss();
    const [light, dark] = css.split('@media (prefers-color-scheme: dark)') as [string, string];
    expect(light).toContain(`--pl-bg: ${LIGHT_THEME.bg};`);
    expect(dark).toContain(`--pl-bg: ${DARK_THEME.bg};`);
    expect(dark).toContain(`--pl-on-sev: ${ON_SEVERITY.dark};`);
  });
});
