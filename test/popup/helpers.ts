import { render } from '@testing-library/svelte';
import App from '../../src/popup/App.svelte';
import { createTranslate, jsonMessageSource } from '../../src/popup/i18n';
import type { MessagesJson, Translate } from '../../src/popup/i18n';
import { mockPopupClient } from '../../src/popup/mock-popup-client';
import type { MockPopupClientOptions } from '../../src/popup/mock-popup-client';
import type { PopupView } from '../../src/popup/popup-client';
import en from '../../public/_locales/en/messages.json';
import nl from '../../public/_locales/nl/messages.json';
import de from '../../public/_locales/de/messages.json';

export type Lang = 'en' | 'nl' | 'de';
export const LOCALES: Record<Lang, MessagesJson> = { en, nl, de };

export function translator(lang: Lang = 'en'): Translate {
  return createTranslate(jsonMessageSource(LOCALES[lang]));
}

export function renderPopup(view: PopupView, options: MockPopupClientOptions & { lang?: Lang } = {}) {
  const client = mockPopupClient(view, options);
  const result = render(App, { props: { client, t: translator(options.lang), pollMs: 5 } });
  return { ...result, client };
}
