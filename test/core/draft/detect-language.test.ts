import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/core/draft/detect-language.ts';
import { connoxText } from './helpers.ts';

describe('detectLanguage', () => {
  it.each([
    ['nl', 'Wij verwerken uw gegevens alleen voor de doeleinden die in deze verklaring worden genoemd.'],
    ['de', 'Wir verarbeiten Ihre Daten nur für die Zwecke, die in dieser Erklärung genannt werden, und geben sie nicht weiter.'],
    ['en', 'We process your data only for the purposes named in this statement and do not sell it.'],
  ] as const)('recognises %s', (lang, text) => {
    expect(detectLanguage(text).language).toBe(lang);
  });

  it('recognises the Connox seed as Dutch despite German law names and a Danish footer', () => {
    expect(detectLanguage(connoxText()).language).toBe('nl');
  });

  it('falls back to English when nothing is recognised', () => {
    expect(detectLanguage('12345 ---').language).toBe('en');
  });
});
