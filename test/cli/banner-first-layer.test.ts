import { describe, expect, it } from 'vitest';
import { classifyFirstLayer } from '../../src/cli/banner-first-layer';

describe('classifyFirstLayer (autoconsent button-text patterns)', () => {
  it('counts reject, settings and accept buttons in several languages', async () => {
    expect(await classifyFirstLayer(['Weigeren', 'Selectie toestaan', 'Alle cookies toestaan'], 'Cybotcookiebot')).toEqual({
      cmp: 'Cybotcookiebot',
      reject: 1,
      settings: 0,
      accept: 2,
    });
    expect(await classifyFirstLayer(['Tout refuser', 'Paramétrer les cookies', 'Accepter et fermer'], null)).toEqual({
      cmp: null,
      reject: 1,
      settings: 1,
      accept: 1,
    });
  });

  it('finds no reject button where the first layer offers only accept and settings', async () => {
    expect(await classifyFirstLayer(['Alle cookies toestaan', 'Instellingen beheren', 'Privacyverklaring'], 'Cybotcookiebot')).toEqual({
      cmp: 'Cybotcookiebot',
      reject: 0,
      settings: 1,
      accept: 1,
    });
  });

  it('gives the same answer however often it is asked (patterns with the g flag do not keep state)', async () => {
    const texts = ['Reject all', 'Reject all', 'Accept all'];
    const first = await classifyFirstLayer(texts, null);
    expect(await classifyFirstLayer(texts, null)).toEqual(first);
    expect(first).toMatchObject({ reject: 2, accept: 1 });
  });

  it('counts nothing for pay-or-subscribe buttons and unrelated links', async () => {
    expect(await classifyFirstLayer(['Subscribe and reject', 'Read our privacy policy', ''], null)).toEqual({ cmp: null, reject: 0, settings: 0, accept: 0 });
  });
});
