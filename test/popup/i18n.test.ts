import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { cleanup, fireEvent, screen } from '@testing-library/svelte';
import { createTranslate, jsonMessageSource } from '../../src/popup/i18n';
import { connoxReport } from '../fixtures/reports/connox-report';
import { LOCALES, renderPopup } from './helpers';

afterEach(() => cleanup());

const SRC = path.resolve(import.meta.dirname, '../../src');
const KEY_RE = /\bt\(\s*'([A-Za-z0-9_]+)'/g;
// Keys built from a prefix and a closed set of values.
const DYNAMIC_KEYS = [
  ...['critical', 'high', 'medium', 'low', 'info'].map((s) => `severity_${s}`),
  ...['findings', 'companies', 'cookies', 'storage', 'requests', 'uncheckable'].map((s) => `tab_${s}`),
  ...['preferences', 'statistics', 'marketing'].map((s) => `consentCategory_${s}`),
  ...['auto', 'nl', 'de', 'en'].map((s) => `draft_lang_${s}`),
];

function uiFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return uiFiles(full);
    return /\.(svelte|ts)$/.test(name) ? [full] : [];
  });
}

describe('messages.json', () => {
  const used = new Set(DYNAMIC_KEYS);
  for (const file of [...uiFiles(path.join(SRC, 'popup')), ...uiFiles(path.join(SRC, 'options'))]) {
    for (const m of readFileSync(file, 'utf8').matchAll(KEY_RE)) if (m[1]) used.add(m[1]);
  }

  it.each(Object.keys(LOCALES))('%s has every key the UI uses, and keeps extName/extDescription', (lang) => {
    const messages = LOCALES[lang as keyof typeof LOCALES];
    const missing = [...used].filter((k) => !(k in messages));
    expect(missing).toEqual([]);
    expect(messages.extName?.message).toBe('PolicyLens');
    expect(messages.extDescription?.message).toBeTruthy();
  });

  it('has the same keys and the same $n substitutions in every language', () => {
    const en = LOCALES.en;
    for (const lang of ['nl', 'de'] as const) {
      expect(Object.keys(LOCALES[lang]).sort()).toEqual(Object.keys(en).sort());
      for (const [key, { message }] of Object.entries(en)) {
        const subs = (s: string) => [...s.matchAll(/\$\d/g)].map((m) => m[0]).sort();
        expect({ key, subs: subs(LOCALES[lang][key]?.message ?? '') }).toEqual({ key, subs: subs(message) });
      }
    }
  });

  it('uses only key characters browser i18n accepts', () => {
    for (const key of Object.keys(LOCALES.en)) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });
});

describe('t()', () => {
  it('substitutes $1..$9 and named placeholders like browser i18n, and falls back to the key', () => {
    const t = createTranslate(
      jsonMessageSource({
        a: { message: '$1 of $2 ($$)' },
        b: { message: 'Hello $who$', placeholders: { who: { content: '$1' } } },
      }),
    );
    expect(t('a', [3, 'x'])).toBe('3 of x ($)');
    expect(t('b', ['Ann'])).toBe('Hello Ann');
    expect(t('missing_key')).toBe('missing_key');
  });
});

describe('popup in Dutch and German', () => {
  it('renders Dutch UI strings, keeping the policy quote in its language', async () => {
    renderPopup({ state: 'ready', report: connoxReport() }, { lang: 'nl' });
    await screen.findByTestId('state-ready');
    expect(screen.getByTestId('tab-findings').textContent).toMatch(/Afwijkingen/);
    expect(screen.getByTestId('tab-companies').textContent).toMatch(/Bedrijven/);
    expect(screen.getByTestId('consent-now').textContent).toBe('Deels geaccepteerd: voorkeuren, statistieken');
    expect(screen.getByTestId('verdict-severity').textContent).toBe('Kritiek');
    expect(screen.getByTestId('export-json').textContent).toBe('Bewijs opslaan (JSON)');
    const [first] = screen.getAllByTestId('finding');
    await fireEvent.click(first?.querySelector('[data-testid="finding-toggle"]') as HTMLElement);
    expect(first?.textContent).toMatch(/Bewijs/);
    expect(first?.querySelector('[data-testid="evidence-consent"]')?.textContent).toBe('Nog geen keuze gemaakt');
    expect(first?.querySelector('[data-testid="clause-quote"]')?.getAttribute('lang')).toBe('nl');
  });

  it('renders German UI strings', async () => {
    renderPopup({ state: 'ready', report: connoxReport() }, { lang: 'de' });
    await screen.findByTestId('state-ready');
    expect(screen.getByTestId('tab-findings').textContent).toMatch(/Abweichungen/);
    expect(screen.getByTestId('tab-uncheckable').textContent).toMatch(/Nicht prüfbar/);
    expect(screen.getByTestId('consent-now').textContent).toBe('Teilweise akzeptiert: Präferenzen, Statistiken');
    expect(screen.getByTestId('warnings').textContent).toMatch(/möglicherweise unvollständig/);
    await fireEvent.click(screen.getByTestId('tab-cookies'));
    expect(screen.getAllByTestId('cookie-row')[0]?.textContent).toMatch(/400 Tage/);
  });

  it('shows the not-http state in each language', async () => {
    for (const [lang, pattern] of [['en', /only checks web pages/], ['nl', /alleen webpagina/], ['de', /nur Webseiten/]] as const) {
      renderPopup({ state: 'not-http' }, { lang });
      expect((await screen.findByTestId('state-not-http')).textContent).toMatch(pattern);
      cleanup();
    }
  });
});
