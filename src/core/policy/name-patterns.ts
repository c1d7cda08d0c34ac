import { RegExpParser, type AST } from '@eslint-community/regexpp';

/**
 * Whether two cookie-name patterns can match the same name. A declaration writes `_ga_#`
 * (`^_ga_.+$`), a policy text `_ga_\d+`: their sources differ, the names they match overlap.
 * Exact regex intersection needs finite automata (refa: 1 MB minified with its Unicode
 * tables, too much for the extension's worker), so each pattern is turned into a few names
 * it matches (its witnesses: every alternative, each repetition at its minimum and a little
 * more, each character class by a few typical name characters) and each pattern is tested
 * on the other's witnesses. Parsing uses regexpp, the parser ESLint itself uses.
 */
export function patternsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const ra = compile(a);
  const rb = compile(b);
  if (!ra || !rb) return false;
  return witnessesOf(a).some((w) => rb.test(w)) || witnessesOf(b).some((w) => ra.test(w));
}

// Characters cookie and storage names are made of, tried against each character class.
const PROBE_CHARS = ['a', '1', 'Z', '0', '_', '-', '.', ':', 'x', '9', 'G', '|', '$'];
const MAX_WITNESSES = 48;
const PER_CLASS = 3;
const parser = new RegExpParser({ ecmaVersion: 2025 });
const witnessCache = new Map<string, string[]>();
const regexCache = new Map<string, RegExp | null>();

function compile(source: string): RegExp | null {
  if (!regexCache.has(source)) {
    try {
      regexCache.set(source, new RegExp(source));
    } catch {
      regexCache.set(source, null);
    }
  }
  return regexCache.get(source) ?? null;
}

function witnessesOf(source: string): string[] {
  let found = witnessCache.get(source);
  if (!found) {
    try {
      found = ofAlternatives(parser.parsePattern(source).alternatives);
    } catch {
      found = [];
    }
    witnessCache.set(source, found);
  }
  return found;
}

function ofAlternatives(alternatives: readonly AST.Alternative[]): string[] {
  return cap(alternatives.flatMap((alt) => alt.elements.reduce<string[]>((acc, el) => product(acc, ofElement(el)), [''])));
}

function ofElement(el: AST.Element): string[] {
  switch (el.type) {
    case 'Character':
      return [String.fromCodePoint(el.value)];
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      return probe(el.raw);
    case 'Group':
    case 'CapturingGroup':
      return ofAlternatives(el.alternatives);
    case 'Quantifier': {
      const inner = ofElement(el.element);
      const counts = [...new Set([el.min, el.min + 1, el.min + 3].map((n) => Math.min(n, el.max)))];
      return cap(counts.flatMap((n) => inner.map((w) => w.repeat(n))));
    }
    // Anchors, lookarounds and back-references add no characters to a witness.
    case 'Assertion':
    case 'Backreference':
      return [''];
  }
}

function probe(raw: string): string[] {
  const re = compile(`^(?:${raw})$`);
  return re ? PROBE_CHARS.filter((c) => re.test(c)).slice(0, PER_CLASS) : [];
}

function product(left: string[], right: string[]): string[] {
  return cap(left.flatMap((l) => right.map((r) => l + r)));
}

function cap(items: string[]): string[] {
  return items.length > MAX_WITNESSES ? items.slice(0, MAX_WITNESSES) : items;
}
