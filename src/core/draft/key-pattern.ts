// "_ga_<container-id>", "_ga_*", "_hjSession_[id]", "ab_XXXX": a family of names.
const WILDCARD_RE = /\*|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|X{3,}|#{2,}/g;

/** A key name as written, or the pattern its placeholder stands for ("_hjSession_<ID>" → ^_hjSession_.*$). */
export function nameOrPattern(name: string): { name: string } | { pattern: string } {
  if (!WILDCARD_RE.test(name)) return { name };
  WILDCARD_RE.lastIndex = 0;
  const parts = name.split(WILDCARD_RE).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  WILDCARD_RE.lastIndex = 0;
  return { pattern: `^${parts.join('.*')}$` };
}
