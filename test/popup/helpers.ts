import { render, screen, waitFor } from '@testing-library/svelte';
import { expect } from 'vitest';
import App from '../../src/popup/App.svelte';
import type { Language } from '../../src/presenter/languages';
import { createPresenter, type Presenter } from '../../src/presenter/presenter';
import { mockPopupClient } from '../../src/popup/mock-popup-client';
import type { MockPopupClientOptions } from '../../src/popup/mock-popup-client';
import type { FullPopupView } from '../../src/popup/popup-client';
export type Lang = Language;

export function presenter(lang: Lang = 'en'): Presenter {
  return createPresenter(lang);
}

export function renderPopup(view: FullPopupView, options: MockPopupClientOptions & { lang?: Lang } = {}) {
  const client = mockPopupClient(view, options);
  const result = render(App, { props: { client, presenter: presenter(options.lang), pollMs: 5 } });
  return { ...result, client };
}

/** Waits until the popup has the whole report behind its preview (the other tabs need it). */
export async function wholeReport(): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('report-tabs').getAttribute('data-report')).toBe('whole'));
}
