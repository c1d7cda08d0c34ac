import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/svelte';
import { connoxReport } from '../fixtures/reports/connox-report';
import { englishIn } from '../presenter/english-fragments';
import { renderPopup, wholeReport } from './helpers';

afterEach(() => cleanup());

describe('popup in Dutch and German', () => {
  it('renders Dutch UI strings, keeping the policy quote in its language', async () => {
    renderPopup({ state: 'ready', report: connoxReport() }, { lang: 'nl' });
    await screen.findByTestId('state-ready');
    expect(screen.getByTestId('tab-findings').textContent).toMatch(/Afwijkingen/);
    expect(screen.getByTestId('tab-companies').textContent).toMatch(/Bedrijven/);
    expect(screen.getByTestId('consent-now').textContent).toBe('Deels geaccepteerd: voorkeuren en statistieken');
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
    await wholeReport();
    expect(screen.getByTestId('tab-findings').textContent).toMatch(/Abweichungen/);
    expect(screen.getByTestId('tab-uncheckable').textContent).toMatch(/Nicht prüfbar/);
    expect(screen.getByTestId('consent-now').textContent).toBe('Teilweise akzeptiert: Präferenzen und Statistiken');
    expect(screen.getByTestId('warnings').textContent).toMatch(/möglicherweise unvollständig/);
    await fireEvent.click(screen.getByTestId('tab-cookies'));
    expect(screen.getAllByTestId('cookie-row')[0]?.textContent).toMatch(/400 Tage/);
  });

  it('shows the not-http state in each language', async () => {
    for (const [lang, pattern] of [
      ['en', /only checks web pages/],
      ['nl', /alleen webpagina/],
      ['de', /nur Webseiten/],
    ] as const) {
      renderPopup({ state: 'not-http' }, { lang });
      expect((await screen.findByTestId('state-not-http')).textContent).toMatch(pattern);
      cleanup();
    }
  });
});

describe('no English sentence in another language', () => {
  it.each(['nl', 'de', 'fr', 'it', 'es', 'da', 'sv'] as const)('%s: every popup tab, expanded finding and warning is free of English text', async (lang) => {
    renderPopup({ state: 'ready', report: connoxReport() }, { lang });
    await screen.findByTestId('state-ready');
    for (const f of screen.getAllByTestId('finding-toggle')) await fireEvent.click(f);
    let text = document.body.textContent ?? '';
    for (const tab of ['companies', 'cookies', 'storage', 'requests', 'uncheckable']) {
      await fireEvent.click(screen.getByTestId(`tab-${tab}`));
      text += ` ${document.body.textContent ?? ''}`;
    }
    expect(englishIn(text)).toEqual([]);
  });

  it('finds the English text in the English popup (the check above can fail)', async () => {
    renderPopup({ state: 'ready', report: connoxReport() }, { lang: 'en' });
    await screen.findByTestId('state-ready');
    expect(englishIn(document.body.textContent ?? '').length).toBeGreaterThan(5);
  });
});
