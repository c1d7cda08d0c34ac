import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, settle, startHarness, type Harness } from './harness';
import { attemptOutcome } from '../../src/core/observe/summarise-tab';

describe('a browser that blocks third-party cookies (Chromium default)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ allowThirdPartyCookies: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('still records what third parties tried to set, marked as not stored', async () => {
    const page = await harness.session.context.newPage();
    await page.goto(`${SHOP}/`);
    await settle(page);
    const state = await harness.session.tabState(await harness.session.tabIdOf(page));
    if (!state) throw new Error('no state');
    const jar = await harness.session.context.cookies();
    expect(jar.some((c) => c.name === 'IDE')).toBe(false);
    const ide = state.cookieAttempts.find((a) => a.name === 'IDE');
    expect(ide).toMatchObject({ domain: 'doubleclick.net', requestHost: 'googleads.g.doubleclick.net', party: 'third' });
    expect(ide && attemptOutcome(ide, state)).toBe('not-stored');
    expect(Object.values(state.cookies).some((c) => c.name === 'IDE')).toBe(false);
    const session = state.cookieAttempts.find((a) => a.name === 'connox_session');
    expect(session && attemptOutcome(session, state)).toBe('stored');
  });
});
