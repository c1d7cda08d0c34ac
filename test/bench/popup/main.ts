/**
 * The popup's App over a fixture report with `?findings=N` findings (default 500) and the
 * mock client: the render cost alone, without the worker's audit or the message round trip.
 * The mock answers like the background (the preview first, the whole report on request), so
 * the preview is built in this page and counted in the time. Built by popup-build.ts.
 */
import { mount } from 'svelte';
import App from '../../../src/popup/App.svelte';
import { LEAD_FINDINGS } from '../../../src/core/report/report-preview';
import { createPresenter } from '../../../src/presenter/presenter';
import { applyTheme } from '../../../src/ui/apply-theme';
import { mockPopupClient } from '../../../src/popup/mock-popup-client';
import { connoxReport, FINDINGS } from '../../fixtures/reports/connox-report';

const count = Number(new URLSearchParams(location.search).get('findings') ?? 500);

const findings = Array.from({ length: count }, (_, i) => {
  const base = FINDINGS[i % FINDINGS.length] as (typeof FINDINGS)[number];
  return { ...base, id: `${base.id}-${i}`, subject: { ...base.subject, label: `${base.subject.label} (#${i})` } };
});
const client = mockPopupClient({ state: 'ready', report: connoxReport({ findings }) }, { tabId: 1 });
applyTheme(document);
const target = document.getElementById('app');
// What the bench's observer waits for: the first screen, then every finding.
Object.assign(window, { __expect: { firstScreen: Math.min(count, LEAD_FINDINGS), all: count }, __mountStart: performance.now() });
if (target) mount(App, { target, props: { client, presenter: createPresenter('en'), pollMs: 0 } });
