import { describe, expect, it } from 'vitest';
import { findPolicyLinks } from '../../../src/core/observe/find-policy-links';

describe('findPolicyLinks', () => {
  it.each([
    ['Privacybeleid', 'https://www.connox.nl/privacybeleid'],
    ['Datenschutzerklärung', 'https://www.connox.de/datenschutz'],
    ['Privacy policy', 'https://shop.example/legal/privacy'],
    ['Politique de confidentialité', 'https://shop.example.fr/confidentialite'],
    ['Gegevensbescherming', 'https://www.shop.be/x'],
    ['Integritetspolicy', 'https://www.shop.se/integritet'],
  ])('finds "%s"', (text, href) => {
    expect(
      findPolicyLinks([
        { text: 'Home', href: 'https://shop.example/' },
        { text, href },
      ])[0]?.url,
    ).toBe(href);
  });

  it('prefers a text match over a URL-only match and skips non-http links', () => {
    const links = findPolicyLinks([
      { text: 'Meer info', href: 'https://shop.example/privacy-info' },
      { text: 'Privacyverklaring', href: 'https://shop.example/legal' },
      { text: 'Privacy', href: 'javascript:void(0)' },
    ]);
    expect(links.map((l) => l.url)).toEqual(['https://shop.example/legal', 'https://shop.example/privacy-info']);
  });

  it('finds nothing on a page without a policy link', () => {
    expect(findPolicyLinks([{ text: 'Winkelmand', href: 'https://shop.example/cart' }])).toEqual([]);
  });
});
