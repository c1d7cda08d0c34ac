import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The Connox seed text (the copy under test/core/policy/fixtures, not /work/shared). */
export function connoxText(): string {
  return readFileSync(fileURLToPath(new URL('../policy/fixtures/connox-privacy-policy-nl.txt', import.meta.url)), 'utf8');
}

/** Same normalisation as the Connox model test: hyphenated line breaks joined, whitespace collapsed. */
export function normalise(text: string): string {
  return text
    .replace(/(\S)-[ \t]*(?:\r?\n[ \t]*)+/g, '$1-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A quote occurs in the text, allowing " […] " gaps for dropped PDF link annotations. */
export function occursIn(haystack: string, quote: string): boolean {
  let from = 0;
  for (const part of normalise(quote)
    .split('[…]')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const at = haystack.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}
