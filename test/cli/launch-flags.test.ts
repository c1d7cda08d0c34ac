import { describe, expect, it } from 'vitest';
import { AUDIT_DISABLED_FEATURES, mergeDisabledFeatures } from '../../src/cli/launch-browser';
import { originOfStorageKey } from '../../src/cli/devtools/devtools-recorder';

describe('the launcher keeps storage partitioning on', () => {
  it('never disables ThirdPartyStoragePartitioning itself', () => {
    expect(AUDIT_DISABLED_FEATURES).not.toContain('ThirdPartyStoragePartitioning');
  });

  it("folds the user's --disable-features into its one flag (Chromium keeps only the last)", () => {
    const { args, features } = mergeDisabledFeatures(['--proxy-server=x', '--disable-features=Foo,Bar', '--disable-features=Baz']);
    expect(args).toEqual(['--proxy-server=x']);
    expect(features).toEqual([...AUDIT_DISABLED_FEATURES, 'Foo', 'Bar', 'Baz']);
  });

  it('reads the origin out of a partitioned storage key', () => {
    expect(originOfStorageKey('https://frames.example/^0https://shop.nl')).toBe('https://frames.example');
    expect(originOfStorageKey('https://www.shop.nl/')).toBe('https://www.shop.nl');
  });
});
