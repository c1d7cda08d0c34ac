import { mount } from 'svelte';
import { createPresenter } from '../presenter/presenter';
import { applyTheme } from '../ui/apply-theme';
import { currentLanguage } from '../ui/language-choice';
import App from './App.svelte';
import { extensionPopupClient } from './popup-client';

const presenter = createPresenter(currentLanguage());
document.documentElement.lang = presenter.lang;
applyTheme(document);
const target = document.getElementById('app');
// `?static=1`: a test control page that must not keep the service worker awake by polling.
const pollMs = new URLSearchParams(location.search).has('static') ? 0 : 1000;
if (target) {
  mount(App, { target, props: { client: extensionPopupClient(location.search), presenter, pollMs } });
}
