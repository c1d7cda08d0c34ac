import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../../src/core/report/badge.ts';
import { NEUTRAL_COLOR, SEVERITY_COLORS, SEVERITY_TINTS, contrastRatio } from '../../../src/core/report/severity-palette.ts';
import { FINDINGS, cleanReport, connoxReport } from '../../fixtures/reports/connox-report.ts';
import { SEVERITIES } from '../../../src/core/audit/report-types.ts';

describe('badgeFor', () => {
  it('is empty without a report or without violations', () => {
    expect(badgeFor(null).text).toBe('');
    expect(badgeFor(cleanReport()).text).toBe('');
  });

  it('counts violations only (not notices) and takes the worst severity colour', () => {
    expect(badgeFor(connoxReport())).toEqual({ text: '4', color: SEVERITY_COLORS.critical });
    const mediumOnly = FINDINGS.filter((f) => f.severity === 'medium' || f.kind === 'notice');
    expect(badgeFor(connoxReport({ findings: mediumOnly }))).toEqual({ text: '1', color: SEVERITY_COLORS.medium });
  });

  it('caps the text to fit the toolbar', () => {
    const f = FINDINGS[1];
    if (!f) throw new Error('fixture');
    const many = Array.from({ length: 150 }, (_, i) => ({ ...f, id: `f${i}` }));
    expect(badgeFor(connoxReport({ findings: many })).text).toBe('99+');
  });
});

describe('severity palette', () => {
  it.each(SEVERITIES)('%s reaches AA contrast for white text and as text on its tint', (s) => {
    expect(contrastRatio(SEVERITY_COLORS[s], '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(SEVERITY_COLORS[s], SEVERITY_TINTS[s])).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#1b1b1f', SEVERITY_TINTS[s])).toBeGreaterThanOrEqual(4.5);
  });
  it('neutral colour reaches AA with white text', () => {
    expect(contrastRatio(NEUTRAL_COLOR, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
