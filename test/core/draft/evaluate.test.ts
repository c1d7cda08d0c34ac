import { describe, expect, it } from 'vitest';
import { EXTRACTION_TARGETS, evaluateExtraction, formatEvaluation, quotesOverlap } from '../../../src/core/draft/evaluate.ts';
import { nodeData } from '../../../src/data/node-data.ts';
import { connoxText } from './helpers.ts';

describe('evaluateExtraction on the Connox seed', () => {
  // The figures come from running the real drafter against the hand-written model.
  const reference = nodeData.models().find((m) => m.id === 'connox');
  if (!reference) throw new Error('bundled Connox model missing');
  const report = evaluateExtraction({ text: connoxText(), reference, vendors: nodeData.catalogue() });

  it('meets the processor targets (recall ≥ 0.95, precision ≥ 0.9 by vendorId)', () => {
    expect(report.processors.recall).toBeGreaterThanOrEqual(EXTRACTION_TARGETS.processorsRecall);
    expect(report.processors.precision).toBeGreaterThanOrEqual(EXTRACTION_TARGETS.processorsPrecision);
    expect(report.meetsTargets).toBe(true);
    expect(report.processors.truePositives).toBeGreaterThanOrEqual(16);
  });

  it('keeps retention limits and legal bases from regressing', () => {
    expect(report.retention.recall).toBeGreaterThanOrEqual(0.75);
    expect(report.retention.precision).toBeGreaterThanOrEqual(0.75);
    expect(report.legalBasesPerVendor.recall).toBeGreaterThanOrEqual(0.85);
    expect(report.legalBasesPerVendor.precision).toBeGreaterThanOrEqual(0.85);
  });

  it('lists what it does not score', () => {
    expect(report.processors.outOfScope.length).toBeGreaterThan(15);
    expect(report.processors.outOfScope.every((p) => /\((recipient-category|service)\)$/.test(p))).toBe(true);
  });

  it('prints a table with the rules', () => {
    const table = formatEvaluation(report);
    expect(table).toMatch(/^\| measure/);
    expect(table).toContain('processors (vendorId)');
    expect(table).toContain('Rules:');
  });
});

describe('quotesOverlap', () => {
  it('matches a sentence inside a longer quote and across omission marks', () => {
    expect(
      quotesOverlap(
        'Deze cookies worden verwijderd. Het gaat hierbij om een termijn van maximaal 22 jaar.',
        'Het gaat hierbij om een termijn van maximaal 22 jaar.',
      ),
    ).toBe(true);
    expect(quotesOverlap('U kunt uw toestemming te allen tijde […] intrekken via onze manager.', 'intrekken via onze manager.')).toBe(true);
    expect(quotesOverlap('Een heel andere zin over iets.', 'Het gaat hierbij om een termijn van maximaal 22 jaar.')).toBe(false);
  });
});
