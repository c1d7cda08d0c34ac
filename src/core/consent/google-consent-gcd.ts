/** One Consent Mode type as gcd reports it: its state, and whether an update set it. */
export interface GcdSignal {
  /** null: the page set neither a default nor an update for this type. */
  state: 'granted' | 'denied' | null;
  /** True when a `consent update` (not only the default) decided it. */
  updated: boolean;
}

export interface GcdState {
  adStorage: GcdSignal;
  analyticsStorage: GcdSignal;
  adUserData: GcdSignal;
  adPersonalization: GcdSignal;
}

// The letter gcd gives each type: its default and its update, as Google's tags encode them
// (documented by Markus Baersch in Simo Ahava's guide to Consent Mode v2; the Jentis and
// Didomi docs agree on r = denied by default, granted by update, q = denied in both):
//   l neither set · p default denied · t default granted · m update denied (no default)
//   n update granted (no default) · q default denied, update denied · r default denied,
//   update granted · u default granted, update denied · v default granted, update granted
const LETTERS: Record<string, GcdSignal> = {
  l: { state: null, updated: false },
  p: { state: 'denied', updated: false },
  t: { state: 'granted', updated: false },
  m: { state: 'denied', updated: true },
  n: { state: 'granted', updated: true },
  q: { state: 'denied', updated: true },
  r: { state: 'granted', updated: true },
  u: { state: 'denied', updated: true },
  v: { state: 'granted', updated: true },
};

// `11p1p1p1p5`, `13r3r3r2r5l1`: two digits, then a letter per type (ad_storage,
// analytics_storage, ad_user_data, ad_personalization) each followed by one separator
// character, then a short tail (newer tags add further signals there, not read here).
const GCD = /^\d{2}([lpqtrmnuv])[0-9A-Z]([lpqtrmnuv])[0-9A-Z]([lpqtrmnuv])[0-9A-Z]([lpqtrmnuv])[0-9A-Za-z]{0,16}$/;

/** Decodes a gcd value; null when it is not one. */
export function decodeGcd(gcd: string): GcdState | null {
  const match = GCD.exec(gcd);
  if (!match) return null;
  const signal = (letter: string | undefined): GcdSignal => LETTERS[letter ?? 'l'] ?? { state: null, updated: false };
  return { adStorage: signal(match[1]), analyticsStorage: signal(match[2]), adUserData: signal(match[3]), adPersonalization: signal(match[4]) };
}
