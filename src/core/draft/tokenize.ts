/** A word (or URL/e-mail) in a text, with offsets into that text. */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** URLs and e-mail addresses are kept whole so their parts never match a vendor name. */
  kind: 'word' | 'url';
}

// URLs and e-mails first, so "www.zendesk.com" is one opaque token, not "zendesk".
// Word tokens keep inner dots, slashes, ampersands and apostrophes ("S.à", "A/S", "gtag.js",
// "Hoefler&Co") but split on hyphens, so "Youtube-video" still yields "Youtube".
const TOKEN_RE = /(?:https?:\/\/|www\.)[^\s"'<>)\]]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|[\p{L}\p{N}]+(?:[.&'’+/][\p{L}\p{N}]+)*/gu;

/** Splits text into tokens; deterministic and offset-preserving. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index ?? 0;
    const raw = m[0];
    const isUrl = /^(?:https?:\/\/|www\.)/i.test(raw) || raw.includes('@');
    // A URL at the end of a sentence keeps its full stop outside.
    const value = isUrl ? raw.replace(/[.,;:]+$/, '') : raw;
    out.push({ text: value, lower: value.toLowerCase(), start, end: start + value.length, kind: isUrl ? 'url' : 'word' });
  }
  return out;
}
