import { CST, Lexer } from 'yaml';

/**
 * What a policy model file may hold. Checked in one linear pass over the YAML lexer's tokens
 * (JSON is YAML's flow syntax, so one pass serves both) before any parsing, composing or
 * validating: a hostile file stops here in milliseconds instead of stalling the worker
 * (issue 24: 10,000 aliases took 22 s to locate, 50,000 keys 61 s, 100,000-deep nesting
 * overflowed the YAML composer's stack). The largest model we ship (Connox, 91,949 characters) has about
 * 2,000 keys, 26 aliases and a depth of 7 as counted here.
 */
export const POLICY_LIMITS = {
  /** Characters in the file (the options page's and the CLI's import limit alike). */
  chars: 2_000_000,
  /** Aliases (`*name`); also yaml's own default against "billion laughs" expansion. */
  aliases: 100,
  /** Mapping keys in the whole file. */
  keys: 20_000,
  /** List items and flow separators in the whole file (the YAML library spends ~5 µs on each; Connox has 288). */
  items: 50_000,
  /**
   * Nesting, counted over-generously: block indentation levels plus the indicators (`-`, `?`,
   * `:`) on a line plus open flow brackets. The composer recurses per level; this keeps it
   * far below any engine's stack.
   */
  depth: 100,
} as const;

export interface PolicyLimitBreach {
  limit: keyof typeof POLICY_LIMITS;
  /** Where the limit was passed (the start of the token that passed it). */
  offset: number;
  message: string;
}

/** Markers the lexer emits that are not part of the source text. */
const ZERO_WIDTH = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/** The first limit the text passes, or null. Linear in the text's length; never throws. */
export function checkPolicyLimits(text: string): PolicyLimitBreach | null {
  if (text.length > POLICY_LIMITS.chars) {
    return breach('chars', POLICY_LIMITS.chars, `the file has ${text.length} characters; at most ${POLICY_LIMITS.chars} are read`);
  }
  let offset = 0;
  let aliases = 0;
  let keys = 0;
  let items = 0;
  let flowDepth = 0;
  let lineIndicators = 0;
  let atLineStart = true;
  let indent = 0;
  let skipNext = false;
  // Indentation columns of the open block levels, innermost last.
  const levels: number[] = [];
  for (const token of new Lexer().lex(text)) {
    const start = offset;
    if (!ZERO_WIDTH.has(token)) offset += token.length;
    // The token after a scalar marker is the scalar's own text, whatever it starts with.
    if (skipNext) {
      skipNext = false;
      if (token !== CST.SCALAR) continue;
    }
    const type = CST.tokenType(token);
    if (type === 'newline') {
      atLineStart = true;
      indent = 0;
      lineIndicators = 0;
      continue;
    }
    if (type === 'space' || type === 'comment') {
      if (atLineStart && type === 'space') indent = token.length;
      continue;
    }
    if (atLineStart && flowDepth === 0) {
      while (levels.length > 0 && (levels.at(-1) as number) >= indent) levels.pop();
      levels.push(indent);
    }
    atLineStart = false;
    switch (type) {
      case 'scalar':
        skipNext = true;
        continue;
      case 'alias':
        aliases += 1;
        if (aliases > POLICY_LIMITS.aliases) return breach('aliases', start, `more than ${POLICY_LIMITS.aliases} aliases`);
        continue;
      case 'map-value-ind':
        keys += 1;
        if (keys > POLICY_LIMITS.keys) return breach('keys', start, `more than ${POLICY_LIMITS.keys} keys`);
        if (flowDepth === 0) lineIndicators += 1;
        break;
      case 'comma':
        items += 1;
        if (items > POLICY_LIMITS.items) return breach('items', start, `more than ${POLICY_LIMITS.items} list items`);
        continue;
      case 'seq-item-ind':
        items += 1;
        if (items > POLICY_LIMITS.items) return breach('items', start, `more than ${POLICY_LIMITS.items} list items`);
        if (flowDepth === 0) lineIndicators += 1;
        break;
      case 'explicit-key-ind':
        if (flowDepth === 0) lineIndicators += 1;
        break;
      case 'flow-map-start':
      case 'flow-seq-start':
        flowDepth += 1;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flowDepth = Math.max(0, flowDepth - 1);
        continue;
      default:
        continue;
    }
    if (levels.length + lineIndicators + flowDepth > POLICY_LIMITS.depth) {
      return breach('depth', start, `nested more than ${POLICY_LIMITS.depth} levels deep`);
    }
  }
  return null;
}

function breach(limit: keyof typeof POLICY_LIMITS, offset: number, message: string): PolicyLimitBreach {
  return { limit, offset, message };
}
