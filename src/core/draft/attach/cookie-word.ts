// A sentence about cookies (or the trackers and storage that stand for them), in the eight languages.
export const COOKIE_WORD_RE = /cookie|kakor|\bkaka\b|traceur/i;
