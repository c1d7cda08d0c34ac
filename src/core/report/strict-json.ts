import { visit } from 'jsonc-parser';

/** Why a text is not one unambiguous JSON document. */
export type StrictJsonProblem =
  | { code: 'byte_order_mark' }
  | { code: 'not_json'; detail: string }
  | { code: 'duplicate_key'; key: string; path: string }
  /** Half of a UTF-16 surrogate pair (`\uD800`): UTF-8 cannot encode it, and tools replace it each their own way. */
  | { code: 'lone_surrogate' };

export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; problem: StrictJsonProblem };

/**
 * JSON.parse, but refusing what two readers could read differently: a byte-order mark
 * (some tools strip it, some keep it as a character), a lone surrogate and a key twice in one object
 * (JSON.parse keeps the last, other parsers the first, so `"severity":"info","severity":"high"`
 * says two things). jsonc-parser's visitor sees every property as written; JSON.parse then
 * enforces the strict grammar (no comments, no trailing commas).
 */
export function parseStrictJson(text: string): StrictJsonResult {
  if (text.charCodeAt(0) === 0xfeff) return { ok: false, problem: { code: 'byte_order_mark' } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: { code: 'not_json', detail: err instanceof Error ? err.message : String(err) } };
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) return { ok: false, problem: { code: 'duplicate_key', ...duplicate } };
  return hasLoneSurrogate(value) ? { ok: false, problem: { code: 'lone_surrogate' } } : { ok: true, value };
}

const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function hasLoneSurrogate(value: unknown): boolean {
  // Iterative: a hostile file can nest deeper than the call stack.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (LONE_SURROGATE_RE.test(v)) return true;
    } else if (Array.isArray(v)) {
      // One at a time: spreading a 100,000-item log into push() would overflow the argument limit.
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (LONE_SURROGATE_RE.test(k)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

function firstDuplicateKey(text: string): { key: string; path: string } | null {
  // One set of keys per open object; the visitor reports objects in nesting order.
  const open: Array<Set<string>> = [];
  let found: { key: string; path: string } | null = null;
  visit(
    text,
    {
      onObjectBegin: () => {
        if (found) return false;
        open.push(new Set());
        return undefined;
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (property, _offset, _length, _line, _char, pathSupplier) => {
        const keys = open[open.length - 1];
        if (!keys || found) return;
        if (keys.has(property)) found = { key: property, path: pathSupplier().map(String).join('.') };
        keys.add(property);
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return found;
}
