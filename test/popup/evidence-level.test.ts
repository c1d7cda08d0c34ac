import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/svelte';
import { connoxReport } from '../fixtures/reports/connox-report';
import { renderPopup } from './helpers';

afterEach(() => cleanup());

describe('popup: the tab’s level of evidence (issue 23)', () => {
  it('says a tab with a model has full evidence, and offers nothing more', async () => {
    renderPopup({ state: 'ready', report: connoxReport() }, { evidence: { level: 'full', reason: 'model' } });
    const line = await screen.findByTestId('evidence-level');
    expect(line.dataset.level).toBe('full');
    expect(line.textContent).toMatch(/every Set-Cookie header/);
    expect(screen.queryByTestId('request-full-audit')).toBeNull();
  });

  it('says what an unaudited tab lacks, and asks for a full audit of that tab on request', async () => {
    const { client } = renderPopup({ state: 'ready', report: connoxReport() }, { evidence: { level: 'stored-cookies', reason: null } });
    const line = await screen.findByTestId('evidence-level');
    expect(line.textContent).toMatch(/Stored cookies only/);
    expect(line.textContent).toMatch(/refused/);
    await fireEvent.click(screen.getByTestId('request-full-audit'));
    expect(client.fullAuditRequests).toEqual([1]);
    await waitFor(() => expect(screen.getByTestId('evidence-level').dataset.level).toBe('full'));
  });

  it('dates a partial one and is translated', async () => {
    renderPopup(
      { state: 'ready', report: connoxReport() },
      { evidence: { level: 'partial', reason: 'model', since: Date.UTC(2025, 2, 14, 10, 0, 0) }, lang: 'de' },
    );
    const line = await screen.findByTestId('evidence-level');
    expect(line.textContent).toMatch(/Set-Cookie-Header ab .+ gelesen/);
    expect(screen.getByTestId('request-full-audit').textContent).toBe('Vollständige Prüfung dieses Tabs (lädt die Seite neu)');
  });
});
