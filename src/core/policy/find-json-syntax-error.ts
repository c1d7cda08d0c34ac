/** First JSON syntax error in `text`: offset into the text and a human message. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

type State = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'after';

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4_RE = /^[0-9a-fA-F]{4}$/;

/**
 * Strict RFC 8259 check, iterative so hostile nesting depth cannot overflow the stack.
 * YAML's parser accepts JSON-ish input that JSON does not (trailing commas, comments,
 * unquoted keys); this runs first so a `.json` model is held to real JSON, and reports
 * where it breaks, which `JSON.parse` does not do consistently across engines.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: ('{' | '[')[] = [];
  // Keys seen per open object (null for arrays): JSON.parse keeps the last duplicate
  // silently, which would hide a conflicting value in a policy file.
  const keys: (Set<string> | null)[] = [];
  let state: State = 'value';
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (i >= n) {
      if (state === 'after' && stack.length === 0) return null;
      const open = stack.at(-1);
      return {
        offset: n,
        message: open ? `unexpected end of input: ${open === '{' ? 'object' : 'array'} is not closed` : 'unexpected end of input: expected a value',
      };
    }
    const c = text[i] as string;
    switch (state) {
      case 'value':
      case 'value-or-close': {
        if (c === ']' && state === 'value-or-close') {
          stack.pop();
          keys.pop();
          state = 'after';
          i++;
        } else if (c === '{') {
          stack.push('{');
          keys.push(new Set());
          state = 'key-or-close';
          i++;
        } else if (c === '[') {
          stack.push('[');
          keys.push(null);
          state = 'value-or-close';
          i++;
        } else if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          state = 'after';
        } else {
          NUMBER_RE.lastIndex = i;
          const num = NUMBER_RE.exec(text);
          const literal = LITERALS.find((l) => text.startsWith(l, i));
          if (num && num[0].length > 0) i += num[0].length;
          else if (literal) i += literal.length;
          else return { offset: i, message: `unexpected ${describe(c)}, expected a value` };
          state = 'after';
        }
        break;
      }
      case 'key':
      case 'key-or-close': {
        if (c === '}' && state === 'key-or-close') {
          stack.pop();
          keys.pop();
          state = 'after';
          i++;
        } else if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          const key = JSON.parse(text.slice(i, end)) as string;
          const seen = keys.at(-1);
          if (seen?.has(key)) return { offset: i, message: `duplicate key ${JSON.stringify(key)}` };
          seen?.add(key);
          i = end;
          state = 'colon';
        } else {
          return { offset: i, message: `unexpected ${describe(c)}, expected a double-quoted property name` };
        }
        break;
      }
      case 'colon': {
        if (c !== ':') return { offset: i, message: `unexpected ${describe(c)}, expected ":"` };
        state = 'value';
        i++;
        break;
      }
      case 'after': {
        const open = stack.at(-1);
        if (!open) return { offset: i, message: `unexpected ${describe(c)} after the end of the JSON value` };
        const close = open === '{' ? '}' : ']';
        if (c === ',') state = open === '{' ? 'key' : 'value';
        else if (c === close) {
          stack.pop();
          keys.pop();
          state = 'after';
        } else return { offset: i, message: `unexpected ${describe(c)}, expected "," or "${close}"` };
        i++;
        break;
      }
    }
  }
}

/** Offset just past the closing quote, or the error. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') return i + 1;
    if (c === '\\') {
      const e = text[i + 1];
      if (e === 'u') {
        if (!HEX4_RE.test(text.slice(i + 2, i + 6))) return { offset: i, message: 'invalid \\u escape in string' };
        i += 6;
        continue;
      }
      if (e === undefined || !SIMPLE_ESCAPES.has(e)) return { offset: i, message: 'invalid escape in string' };
      i += 2;
      continue;
    }
    if (c.charCodeAt(0) < 0x20) return { offset: i, message: 'control character in string (line breaks must be written as \\n)' };
    i++;
  }
  return { offset: start, message: 'string is not closed' };
}

function describe(c: string): string {
  return c === "'" ? `"'"` : JSON.stringify(c);
}
