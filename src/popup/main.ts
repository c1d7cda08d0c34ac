import { mount } from 'svelte';
import App from './App.svelte';
import { browserMessageSource, createTranslate } from './i18n';
import { extensionPopupClient } from './popup-client';

document.documentElement.lang = chrome.i18n.getUILanguage();
const target = document.getElementById('app');
// `?static=1`: a test control page that must not keep the service worker awake by polling.
const pollMs = new URLSearchParams(location.search).has('static') ? 0 : 1000;
if (target) {
  mount(App, { target, props: { client: extensionPopupClient(location.search), t: createTranslate(browserMessageSource()), pollMs } });
}
