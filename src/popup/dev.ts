/**
 * Dev page: the popup over fixture reports, without an extension. Not in the manifest, so the
 * extension build leaves it out. `dev.html?state=ready|loading|no-model|invalid-model|not-http|hostile&lang=en|nl|de|fr|it|es|da|sv`
 */
import { applyTheme } from '../ui/apply-theme';
import { mount } from 'svelte';
import App from './App.svelte';
import { pickLanguage } from '../presenter/languages';
import { createPresenter } from '../presenter/presenter';
import { mockPopupClient } from './mock-popup-client';
import type { FullPopupView } from './popup-client';
import { cleanReport, connoxReport, hostileReport, noModelReport } from '../../test/fixtures/reports/connox-report';

function viewFor(state: string | null): FullPopupView {
  switch (state) {
    case 'loading':
      return { state: 'loading' };
    case 'not-http':
      return { state: 'not-http' };
    case 'no-model':
      return { state: 'no-model', report: noModelReport(), policyLinks: [{ url: 'https://shop.example/privacy', text: 'Privacy' }] };
    case 'invalid-model':
      return {
        state: 'invalid-model',
        errors: [{ file: 'shop.yaml', line: 12, column: 7, path: 'processors[2].country', message: 'expected a two-letter country code' }],
      };
    case 'hostile':
      return { state: 'ready', report: hostileReport() };
    case 'clean':
      return { state: 'ready', report: cleanReport() };
    default:
      return { state: 'ready', report: connoxReport() };
  }
}

const params = new URLSearchParams(location.search);
const presenter = createPresenter(pickLanguage([params.get('lang')]));
document.documentElement.lang = presenter.lang;
const target = document.getElementById('app');
if (target) {
  const client = { ...mockPopupClient(viewFor(params.get('state'))) };
  applyTheme(document);
  mount(App, { target, props: { client, presenter } });
}
