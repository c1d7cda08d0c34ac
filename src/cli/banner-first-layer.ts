import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BannerFirstLayer } from '../core/consent/consent-state';

/**
 * What a consent banner's first layer offers: its visible buttons, classified by
 * autoconsent's own button-text patterns (lib/heuristic-patterns.ts, MPL-2.0: reject,
 * settings and accept wording in some twenty languages, kept up to date by DuckDuckGo).
 *
 * Why not autoconsent's own answer: its rules do not tell. A rule may refuse through the
 * consent tool's API when no reject button is visible (Cookiebot's calls
 * `Cookiebot.withdraw()`), and may tick every checkbox before accepting, so neither its
 * success nor its number of clicks measures what the visitor has to do. Its heuristic
 * popup classifier would, but it runs only for pages without a known consent tool and is
 * not exported. So the CLI reads the buttons itself, with the library's patterns.
 */

type Pattern = string | RegExp;

interface ButtonPatterns {
  REJECT_PATTERNS: Pattern[];
  SETTINGS_PATTERNS: Pattern[];
  ACCEPT_PATTERNS: Pattern[];
  BUTTON_NEVER_MATCH_PATTERNS: Pattern[];
}

let patterns: Promise<ButtonPatterns | null> | null = null;

/**
 * The package exports only its bundles, which keep the patterns private; the pattern file
 * has no imports, so it is loaded by path (tsx and vitest compile it). Null when a future
 * version moves it: the first layer is then not read, and no finding claims otherwise.
 */
function buttonPatterns(): Promise<ButtonPatterns | null> {
  patterns ??= (async () => {
    try {
      const require = createRequire(import.meta.url);
      const root = path.resolve(path.dirname(require.resolve('@duckduckgo/autoconsent/rules/rules.json')), '..');
      const loaded = (await import(pathToFileURL(path.join(root, 'lib', 'heuristic-patterns.ts')).href)) as Partial<ButtonPatterns>;
      const { REJECT_PATTERNS, SETTINGS_PATTERNS, ACCEPT_PATTERNS, BUTTON_NEVER_MATCH_PATTERNS } = loaded;
      if (!REJECT_PATTERNS || !SETTINGS_PATTERNS || !ACCEPT_PATTERNS || !BUTTON_NEVER_MATCH_PATTERNS) return null;
      return { REJECT_PATTERNS, SETTINGS_PATTERNS, ACCEPT_PATTERNS, BUTTON_NEVER_MATCH_PATTERNS };
    } catch {
      return null;
    }
  })();
  return patterns;
}

const PUNCTUATION = /[“”"'/#&[\]→✕×⟩❯><✗‘’›«»]+/g;

/** Lower case, without quotes and arrows, whitespace collapsed: the form the patterns are written for. */
function cleanText(text: string): string {
  return text.toLowerCase().replace(PUNCTUATION, '').replace(/\s+/g, ' ').trim();
}

function matchesAny(text: string, list: readonly Pattern[]): boolean {
  return list.some((p) => {
    if (typeof p === 'string') return p === text;
    // Some of the patterns carry the g flag: test() would otherwise resume at lastIndex.
    p.lastIndex = 0;
    return p.test(text);
  });
}

type ButtonKind = 'reject' | 'settings' | 'accept' | 'other';

/** One button's kind, in the order autoconsent tests them: reject, then settings, then accept. */
function classify(text: string, p: ButtonPatterns): ButtonKind {
  const cleaned = cleanText(text);
  if (!cleaned || matchesAny(cleaned, p.BUTTON_NEVER_MATCH_PATTERNS)) return 'other';
  if (matchesAny(cleaned, p.REJECT_PATTERNS)) return 'reject';
  if (matchesAny(cleaned, p.SETTINGS_PATTERNS)) return 'settings';
  if (matchesAny(cleaned, p.ACCEPT_PATTERNS)) return 'accept';
  return 'other';
}

/** Counts the buttons of a first layer by kind; null when the patterns could not be loaded. */
export async function classifyFirstLayer(buttonTexts: readonly string[], cmp: string | null): Promise<BannerFirstLayer | null> {
  const p = await buttonPatterns();
  if (!p) return null;
  const layer: BannerFirstLayer = { cmp, accept: 0, reject: 0, settings: 0 };
  for (const text of buttonTexts) {
    const kind = classify(text, p);
    if (kind !== 'other') layer[kind] += 1;
  }
  return layer;
}
