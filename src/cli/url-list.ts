export interface UrlListIssue {
  line: number;
  message: string;
}

/**
 * Reads a URL list: one URL per line, blank lines and `#` comments ignored (also after a
 * URL). A bare host gets https://. Lines that are not http(s) URLs are reported by line.
 */
export function parseUrlList(text: string): { urls: string[]; issues: UrlListIssue[] } {
  const urls: string[] = [];
  const issues: UrlListIssue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const url = normaliseUrl(line);
    if (url.ok) urls.push(url.url);
    else issues.push({ line: i + 1, message: url.message });
  });
  return { urls, issues };
}

/** An absolute http(s) URL; `example.com/x` becomes `https://example.com/x`. */
export function normaliseUrl(value: string): { ok: true; url: string } | { ok: false; message: string } {
  const text = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: `"${text}" is not an http(s) URL` };
    if (url.hostname === '') return { ok: false, message: `"${text}" has no host` };
    return { ok: true, url: url.href };
  } catch {
    return { ok: false, message: `"${text}" is not a URL` };
  }
}
