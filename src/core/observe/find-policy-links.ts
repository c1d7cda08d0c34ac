import type { PolicyLinkCandidate } from './tab-state';

// Words that name a privacy policy in the languages of European shops. Matched on the
// link text and on the URL path, accent-insensitively.
const POLICY_WORDS = [
  'privacy',
  'privacybeleid',
  'privacyverklaring',
  'gegevensbescherming',
  'datenschutz',
  'datenschutzerklarung',
  'confidentialite',
  'donnees personnelles',
  'protection des donnees',
  'privacidad',
  'proteccion de datos',
  'riservatezza',
  'informativa privacy',
  'integritetspolicy',
  'personuppgifter',
  'privatlivspolitik',
  'persondata',
  'polityka prywatnosci',
  'ochrana osobnich udaju',
  'data protection',
];
const COOKIE_ONLY_WORDS = ['cookie'];
const WORD_PATTERN = new RegExp(POLICY_WORDS.map((w) => w.replace(/ /g, '[\\s_-]*')).join('|'), 'i');

export interface AnchorLike {
  href: string;
  text: string;
}

/** Links that look like the page's privacy policy, best first (text match beats URL match). */
export function findPolicyLinks(anchors: AnchorLike[], limit = 5): PolicyLinkCandidate[] {
  const scored: { link: PolicyLinkCandidate; score: number }[] = [];
  const seen = new Set<string>();
  for (const anchor of anchors) {
    if (!/^https?:/i.test(anchor.href) || seen.has(anchor.href)) continue;
    const text = fold(anchor.text);
    const path = fold(safePath(anchor.href));
    let score = 0;
    if (WORD_PATTERN.test(text)) score += 2;
    if (WORD_PATTERN.test(path)) score += 1;
    if (score === 0) continue;
    if (COOKIE_ONLY_WORDS.some((w) => text.includes(w)) && !WORD_PATTERN.test(path)) score -= 1;
    seen.add(anchor.href);
    scored.push({ link: { url: anchor.href, text: anchor.text.trim().replace(/\s+/g, ' ').slice(0, 200) }, score });
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.link);
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function safePath(href: string): string {
  try {
    const url = new URL(href);
    return decodeURIComponent(url.pathname);
  } catch {
    return '';
  }
}
