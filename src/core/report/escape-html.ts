const HTML_SPECIALS = /[&<>"'`]/g;
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * The one escape function for everything the HTML report prints: safe in element text and
 * in quoted attribute values. Page-controlled strings (cookie names, URLs, storage keys,
 * hosts) and policy quotes all pass through here; non-strings are stringified first.
 */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(HTML_SPECIALS, (c) => REPLACEMENTS[c] ?? c);
}
