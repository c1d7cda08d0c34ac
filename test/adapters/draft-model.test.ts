import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { draftModel } from '../../src/background/draft-model';
import { loadPolicy } from '../../src/core/policy/load-policy';

const SEED = readFileSync(path.resolve(import.meta.dirname, '../core/policy/fixtures/connox-privacy-policy-nl.txt'), 'utf8');

describe('options page drafting', () => {
  it('drafts a loadable model with claims that point into the text', async () => {
    const result = await draftModel({ text: SEED }, 'auto');
    if (!result.ok) throw new Error(result.message);
    expect(loadPolicy(result.draft.yaml, 'draft.yaml', 'yaml').ok).toBe(true);
    expect(result.draft.claims.length).toBeGreaterThan(20);
    for (const claim of result.draft.claims.slice(0, 50)) {
      expect(SEED.slice(claim.start, claim.end).length).toBeGreaterThan(0);
    }
  });

  it('saves only the claims the reviewer kept', async () => {
    const full = await draftModel({ text: SEED }, 'nl');
    if (!full.ok) throw new Error(full.message);
    const vendorClaims = full.draft.claims.filter((c) => c.kind === 'vendor');
    const keep = full.draft.claims.filter((c) => c !== vendorClaims[0]).map((c) => c.id);
    const pruned = await draftModel({ text: SEED }, 'nl', keep);
    if (!pruned.ok) throw new Error(pruned.message);
    const before = loadPolicy(full.draft.yaml, 'a.yaml', 'yaml');
    const after = loadPolicy(pruned.draft.yaml, 'b.yaml', 'yaml');
    if (!before.ok || !after.ok) throw new Error('draft did not load');
    expect(after.model.processors.length).toBeLessThan(before.model.processors.length);
  });
});
