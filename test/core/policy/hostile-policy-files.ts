/**
 * Policy files shaped as issue 24's attacks, at any size: shared by the fuzz test (which checks
 * that each gives located errors) and the benchmark (which times them at the issue's sizes).
 */
export const HOSTILE_SHAPES = [
  'aliases',
  'yaml-keys',
  'json-keys',
  'unknown-keys',
  'flow-depth',
  'block-depth',
  'json-depth',
  'long-string',
  'list-items',
  'keys-behind-alias',
] as const;
export type HostileShape = (typeof HOSTILE_SHAPES)[number];

/** The sizes issue 24 reported as stalls or crashes. */
export const ISSUE_SIZES: Record<HostileShape, number> = {
  aliases: 100_000,
  'yaml-keys': 50_000,
  'json-keys': 50_000,
  'unknown-keys': 50_000,
  'flow-depth': 100_000,
  'block-depth': 100_000,
  'json-depth': 100_000,
  'long-string': 50_000_000,
  'list-items': 900_000,
  'keys-behind-alias': 50_000,
};

export function hostilePolicyFile(shape: HostileShape, size: number): { text: string; file: string } {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n');
  switch (shape) {
    case 'aliases':
      return { file: 'aliases.yaml', text: `schemaVersion: 1\na: &a x\nb: [${Array(size).fill('*a').join(', ')}]\n` };
    case 'yaml-keys':
      return { file: 'keys.yaml', text: `schemaVersion: 1\n${keys(size)}\n` };
    case 'json-keys':
      return { file: 'keys.json', text: JSON.stringify(Object.fromEntries([['schemaVersion', 1], ...Array.from({ length: size }, (_, i) => [`k${i}`, i])])) };
    case 'unknown-keys':
      // Every key is an unknown field of the same processor: each one is located.
      return { file: 'unknown.yaml', text: `schemaVersion: 1\nprocessors:\n  - ${keys(size).replaceAll('\n', '\n    ')}\n` };
    case 'flow-depth':
      return { file: 'flow.yaml', text: `schemaVersion: 1\na: ${'['.repeat(size)}${']'.repeat(size)}\n` };
    case 'block-depth':
      return { file: 'block.yaml', text: `schemaVersion: 1\na:\n${'- '.repeat(size)}x\n` };
    case 'json-depth':
      return { file: 'deep.json', text: `{"schemaVersion":1,"a":${'['.repeat(size)}${']'.repeat(size)}}` };
    case 'long-string':
      return { file: 'long.yaml', text: `schemaVersion: 1\nid: "${'x'.repeat(size)}"\n` };
    case 'keys-behind-alias':
      // Unknown fields of a processor reached through aliases: each error is located through one.
      return {
        file: 'behind-alias.yaml',
        text: `schemaVersion: 1\nshared: &p\n  ${keys(size).replaceAll('\n', '\n  ')}\nprocessors: [${Array(Math.min(size, 50)).fill('*p').join(', ')}]\n`,
      };
    case 'list-items':
      return { file: 'items.yaml', text: `schemaVersion: 1\nx: [${Array(size).fill('1').join(',')}]\n` };
  }
}
