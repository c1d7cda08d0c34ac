import { mount } from 'svelte';
import { createPresenter } from '../presenter/presenter';
import { applyTheme } from '../ui/apply-theme';
import { currentLanguage } from '../ui/language-choice';
import App from './App.svelte';
import { extensionOptionsClient } from './options-client';

const presenter = createPresenter(currentLanguage());
document.documentElement.lang = presenter.lang;
applyTheme(document);
const target = document.getElementById('app');
if (target) {
  mount(App, {
    target,
    props: { client: extensionOptionsClient(), presenter, initialSection: location.hash.replace(/^#/, ''), sourceTab: sourceTabOf(location.search) },
  });
}

function sourceTabOf(search: string): number | null {
  const value = new URLSearchParams(search).get('sourceTab');
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}
