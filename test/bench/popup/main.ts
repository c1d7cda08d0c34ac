/**
 * The popup's App over a fixture report with 500 findings and the mock client: the render
 * cost alone, without the worker's audit or the message round trip. Built by popup-build.ts.
 */
import { mount } from 'svelte';
import App from '../../../src/popup/App.svelte';
import { createPresenter } from '../../../src/presenter/presenter';
import { mockPopupClient } from '../../../src/popup/mock-popup-client';
import { connoxReport, FINDINGS } from '../../fixtures/reports/connox-report';

export const FINDING_COUNT = 500;

const findings = Array.from({ length: FINDING_COUNT }, (_, i) => {
  const base = FINDINGS[i % FINDINGS.length] as (typeof FINDINGS)[number];
  return { ...base, id: `${base.id}-${i}`, subject: { ...base.subject, label: `${base.subject.label} (#${i})` } };
});
const client = mockPopupClient({ state: 'ready', report: connoxReport({ findings }) });
const target = document.getElementById('app');
(window as unknown as { __mountStart: number }).__mountStart = performance.now();
if (target) mount(App, { target, props: { client, presenter: createPresenter('en') } });
