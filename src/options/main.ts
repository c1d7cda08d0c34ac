import { mount } from 'svelte';
import App from './App.svelte';
import { browserMessageSource, createTranslate } from '../popup/i18n';
import { extensionOptionsClient } from './options-client';

document.documentElement.lang = chrome.i18n.getUILanguage();
const target = document.getElementById('app');
if (target) {
  mount(App, {
    target,
    props: { client: extensionOptionsClient(), t: createTranslate(browserMessageSource()), initialSection: location.hash.replace(/^#/, ''), sourceTab: sourceTabOf(location.search) },
  });
}

function sourceTabOf(search: string): number | null {
  const value = new URLSearchParams(search).get('sourceTab');
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}
