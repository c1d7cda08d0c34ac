import { describe, expect, it } from 'vitest';
import { checkPolicyLimits, POLICY_LIMITS } from '../../../src/core/policy/policy-limits.ts';
import { loadPolicy, MAX_REPORTED_ERRORS } from '../../../src/core/policy/load-policy.ts';
import { connoxYaml } from './helpers.ts';
import { hostilePolicyFile, type HostileShape } from './hostile-policy-files.ts';

const AT_THE_LIMIT: [HostileShape, keyof typeof POLICY_LIMITS, number][] = [
  ['aliases', 'aliases', POLICY_LIMITS.aliases],
  ['yaml-keys', 'keys', POLICY_LIMITS.keys - 1],
  ['json-keys', 'keys', POLICY_LIMITS.keys - 1],
  // A list of n items has n - 1 commas.
  ['list-items', 'items', POLICY_LIMITS.items + 1],
  ['flow-depth', 'depth', POLICY_LIMITS.depth - 2],
  ['json-depth', 'depth', POLICY_LIMITS.depth - 2],
];

describe('checkPolicyLimits', () => {
  it('passes the largest model we ship', () => {
    expect(checkPolicyLimits(connoxYaml())).toBeNull();
  });

  it.each(AT_THE_LIMIT)('%s: passes at the %s limit and stops one past it', (shape, limit, size) => {
    expect(checkPolicyLimits(hostilePolicyFile(shape, size).text)).toBeNull();
    expect(checkPolicyLimits(hostilePolicyFile(shape, size + 1).text)).toMatchObject({ limit });
  });

  it('stops a file longer than the character limit before reading it', () => {
    expect(checkPolicyLimits('#'.repeat(POLICY_LIMITS.chars + 1))).toMatchObject({ limit: 'chars', offset: POLICY_LIMITS.chars });
  });

  it('counts block nesting by indentation and indicators', () => {
    expect(checkPolicyLimits(hostilePolicyFile('block-depth', POLICY_LIMITS.depth + 1).text)).toMatchObject({ limit: 'depth' });
    const indented = Array.from({ length: POLICY_LIMITS.depth + 1 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(checkPolicyLimits(indented)).toMatchObject({ limit: 'depth' });
    // Siblings at one level do not nest.
    expect(checkPolicyLimits(Array.from({ length: 1000 }, (_, i) => `- k${i}: v`).join('\n'))).toBeNull();
  });

  it('does not count brackets, stars or colons inside quoted strings, block scalars or comments', () => {
    const noise = `${'[{*a: - '.repeat(POLICY_LIMITS.depth + POLICY_LIMITS.aliases)}`;
    const text = `a: "${noise}"\nb: '${noise}'\nc: |\n  ${noise}\n# ${noise}\n`;
    expect(checkPolicyLimits(text)).toBeNull();
  });

  it('reports where the limit was passed', () => {
    const { text, file } = hostilePolicyFile('aliases', POLICY_LIMITS.aliases + 1);
    const result = loadPolicy(text, file);
    const lastAlias = text.lastIndexOf('*a');
    expect(result).toMatchObject({ ok: false, errors: [{ line: 3, column: lastAlias - text.lastIndexOf('\n', lastAlias) }] });
  });

  it('reports at most MAX_REPORTED_ERRORS errors and counts the rest (aliases can multiply the errors of one mapping)', () => {
    const { text, file } = hostilePolicyFile('keys-behind-alias', 2_000);
    const result = loadPolicy(text, file);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    // 50 processors, each with 2,000 unknown fields (plus their missing ones).
    const more = Number(/^and (\d+) more errors$/.exec(result.errors.at(-1)?.message ?? '')?.[1]);
    expect(more + MAX_REPORTED_ERRORS).toBeGreaterThan(50 * 2_000);
    expect(result.errors.slice(0, -1).every((e) => e.line !== undefined && e.path !== '')).toBe(true);
  });
});
