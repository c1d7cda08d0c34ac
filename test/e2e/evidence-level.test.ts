import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOP, settle, startHarness, type Harness } from './harness';
import { stopServiceWorker } from './stop-service-worker';

/** A page on a site no policy model names (the fixture's YouTube embed sets two cookies in its headers). */
const UNMODELLED_PAGE = 'https://www.youtube.com/embed/evidence-level';

// Issue 23: Set-Cookie headers (Chromium's costly 'extraHeaders') are read in audited tabs only.
describe('level of evidence per tab, as a user’s browser has it', () => {
  let harness: Harness;
  let unaudited: Page;
  let audited: Page;
  beforeAll(async () => {
    harness = await startHarness({ evidence: 'audited-tabs' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  async function stateOf(page: Page) {
    const tabId = await harness.session.tabIdOf(page);
    return { tabId, state: await harness.session.tabState(tabId), evidence: await harness.session.evidence(tabId) };
  }

  it('a tab on a site without a model has stored cookies only, and says so', async () => {
    unaudited = await harness.session.context.newPage();
    await unaudited.goto(UNMODELLED_PAGE);
    await settle(unaudited, 1_000);
    const { state, evidence } = await stateOf(unaudited);
    expect(evidence).toEqual({ level: 'stored-cookies', reason: null });
    expect(Object.values(state?.cookies ?? {}).map((c) => c.name)).toEqual(expect.arrayContaining(['YSC', 'VISITOR_INFO1_LIVE']));
    expect(state?.cookieAttempts ?? []).toEqual([]);
  });

  it('a tab on a site with a model reads Set-Cookie headers: after its first document, then from the start', async () => {
    audited = await harness.session.context.newPage();
    await audited.goto(`${SHOP}/`);
    await settle(audited, 1_500);
    const first = await stateOf(audited);
    expect(first.evidence).toMatchObject({ level: 'partial', reason: 'model' });
    await audited.reload();
    await settle(audited, 1_500);
    const reloaded = await stateOf(audited);
    expect(reloaded.evidence).toEqual({ level: 'full', reason: 'model' });
    expect(reloaded.state?.cookieAttempts.map((a) => a.name)).toEqual(expect.arrayContaining(['connox_session', 'connox_remember', 'YSC']));
    // The other tab's listener is not this one's: it still reads no headers.
    await unaudited.reload();
    await settle(unaudited, 1_000);
    expect((await stateOf(unaudited)).state?.cookieAttempts ?? []).toEqual([]);
  });

  it('a restarted worker re-adds the audited tab’s listener from stored state', async () => {
    const ysc = (s: Awaited<ReturnType<typeof stateOf>>) => (s.state?.cookieAttempts ?? []).filter((a) => a.name === 'YSC').length;
    const before = ysc(await stateOf(audited));
    await stopServiceWorker(harness);
    // A first request wakes the worker; the Set-Cookie response comes once its state is back.
    await audited.evaluate(() => fetch('/px?wake=1'));
    await audited.waitForTimeout(1_000);
    await audited.evaluate(() => fetch('https://www.youtube.com/embed/after-restart', { mode: 'no-cors', credentials: 'include' }));
    await audited.waitForTimeout(1_500);
    const after = await stateOf(audited);
    expect(after.evidence).toEqual({ level: 'full', reason: 'model' });
    expect(ysc(after)).toBe(before + 1);
    expect((await stateOf(unaudited)).evidence).toEqual({ level: 'stored-cookies', reason: null });
  });

  it('a full audit asked for in the popup reloads the tab and reads its headers from the start', async () => {
    const { tabId } = await stateOf(unaudited);
    const control = await harness.session.context.newPage();
    await control.goto(harness.session.popupUrl(-1));
    const reloaded = unaudited.waitForEvent('load');
    await control.evaluate((id) => chrome.runtime.sendMessage({ type: 'popup/request-full-audit', tabId: id, reload: true }), tabId);
    await reloaded;
    await control.close();
    await settle(unaudited, 1_000);
    const after = await stateOf(unaudited);
    expect(after.evidence).toEqual({ level: 'full', reason: 'requested' });
    expect(after.state?.cookieAttempts.map((a) => a.name)).toEqual(expect.arrayContaining(['YSC', 'VISITOR_INFO1_LIVE']));
  });
});
