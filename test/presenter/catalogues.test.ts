import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { ABSENCE_CODES, FINDING_CODES } from '../../src/core/audit/finding-message';
import type { AuditWarning, Verdict } from '../../src/core/audit/report-types';
import { RULES } from '../../src/core/audit/rules';
import { VENDOR_CATEGORIES } from '../../src/core/vendors/schema';
import { CATALOGUES } from '../../src/presenter/catalogues';
import { LANGUAGES } from '../../src/presenter/languages';

const en = CATALOGUES.en;
const ROOT = path.resolve(__dirname, '../..');

/** The argument names a message uses, and the select / plural keys it branches on. */
function shape(message: string): string[] {
  const out = new Set<string>();
  const walk = (els: MessageFormatElement[]): void => {
    for (const el of els) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.add(el.value);
      if (el.type === TYPE.select || el.type === TYPE.plural) {
        out.add(el.value);
        for (const [key, option] of Object.entries(el.options)) {
          if (el.type === TYPE.select) out.add(`${el.value}=${key}`);
          walk(option.value);
        }
      }
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...out].sort();
}

describe('message catalogues', () => {
  it.each(LANGUAGES)('%s has every key of the English catalogue, and no other', (lang) => {
    const catalogue = CATALOGUES[lang];
    expect(Object.keys(catalogue).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in catalogue))).toEqual([]);
  });

  it.each(LANGUAGES)('%s: every message parses and uses the same arguments and select branches as English', (lang) => {
    const catalogue = CATALOGUES[lang];
    for (const [key, message] of Object.entries(catalogue)) {
      const source = en[key];
      if (source === undefined) continue;
      expect({ key, shape: shape(message) }).toEqual({ key, shape: shape(source) });
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s is translated, not English copied (at most 15 percent of sentences identical)', (lang) => {
    const catalogue = CATALOGUES[lang];
    // Short labels (names, "Info", "Cookies") may legitimately be the same word.
    const sentences = Object.entries(en).filter(([, m]) => m.split(' ').length >= 4);
    const same = sentences.filter(([k, m]) => catalogue[k] === m).map(([k]) => k);
    expect(same.length / sentences.length, `identical to English: ${same.join(', ')}`).toBeLessThanOrEqual(0.15);
  });

  it('has a title and an explanation for every finding code, and a text for every absence code', () => {
    for (const code of FINDING_CODES) {
      expect(en[`finding.${code}.title`], code).toBeDefined();
      expect(en[`finding.${code}.explanation`], code).toBeDefined();
    }
    for (const code of ABSENCE_CODES) expect(en[`absence.${code}`], code).toBeDefined();
  });

  it('words every warning, verdict, rule and vendor category', () => {
    const warnings: Record<AuditWarning['code'], true> = {
      'third-party-cookies-blocked': true,
      'cookies-refused-for-size': true,
      'url-values-kept': true,
      'page-never-quiet': true,
      'other-blocker-active': true,
      'preexisting-cookies': true,
      'observed-late': true,
      'observations-overflowed': true,
      'observations-missing': true,
      'page-messages-missing': true,
      'request-starts-missing': true,
      'no-consent-tool-detected': true,
      'canonical-names-unresolved': true,
      'page-reported-consent': true,
      'consent-record-unreadable': true,
      'rule-failed': true,
      legacy: true,
    };
    const verdicts: Record<Verdict['code'], true> = {
      discrepancies: true,
      'no-discrepancies': true,
      'baseline-violations': true,
      'baseline-clean': true,
      'not-checked': true,
      legacy: true,
    };
    for (const code of Object.keys(warnings)) expect(en[`warning.${code}`], code).toBeDefined();
    for (const code of Object.keys(verdicts)) expect(en[`verdict.${code}`], code).toBeDefined();
    for (const rule of RULES) expect(en[`rule.${rule.id}`], rule.id).toBeDefined();
    for (const category of VENDOR_CATEGORIES) expect(en[`vendorCategory.${category}`], category).toBeDefined();
  });

  it('has every key the popup and options page ask for by name', () => {
    const files = ['src/popup', 'src/options', 'src/ui'].flatMap((dir) =>
      readdirSync(path.join(ROOT, dir))
        .filter((f) => f.endsWith('.svelte') || f.endsWith('.ts'))
        .map((f) => path.join(ROOT, dir, f)),
    );
    const missing: string[] = [];
    for (const file of files) {
      // Literal keys only; keys built from a prefix (`tab_${tab}`) are checked by their own tests.
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_.-]+)'/g))
        if (!(m[1]! in en)) missing.push(`${path.relative(ROOT, file)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('bundles the extension name and description in every language for the manifest', () => {
    for (const lang of LANGUAGES) {
      const messages = JSON.parse(readFileSync(path.join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
      expect(messages.extName?.message, lang).toBe('PolicyLens');
      expect(messages.extDescription?.message, lang).toBeTruthy();
    }
  });
});
