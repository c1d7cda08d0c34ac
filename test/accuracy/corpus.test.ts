import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/core/policy/load-policy';
import { RULES } from '../../src/core/audit/rules';
import { nodeData } from '../../src/data/node-data';
import { CONSENT_TOOLS } from '../fixtures/accuracy/consent-tools';
import { CORPUS } from '../fixtures/accuracy/corpus';
import { policyText } from '../fixtures/accuracy/shop-pages';
import { groundTruthOf, modelTextOf } from './run-eval';

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
const RULE_IDS = new Set(RULES.map((r) => r.id));
const VENDOR_IDS = new Set(nodeData.catalogue().map((v) => v.id));

/** Every `quote:` of a model, wherever it sits. */
function quotes(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(quotes);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'quote' && typeof v === 'string' ? [v] : quotes(v)));
  return [];
}

describe('accuracy corpus', () => {
  it('has at least six shops in nl, de, en, fr and more, on Cookiebot, OneTrust, a TCF CMP, Didomi, Usercentrics and no consent tool', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(6);
    const languages = new Set(CORPUS.map((s) => s.language));
    for (const language of ['nl', 'de', 'en', 'fr']) expect(languages, language).toContain(language);
    expect(languages.size).toBeGreaterThan(4);
    const tools = new Set(CORPUS.map((s) => s.consentTool));
    for (const tool of ['cookiebot', 'onetrust', 'quantcast-choice', 'didomi', 'usercentrics', 'none']) expect(tools, tool).toContain(tool);
    for (const shop of CORPUS) expect(CONSENT_TOOLS[shop.consentTool], shop.id).toBeDefined();
  });

  for (const shop of CORPUS) {
    describe(shop.id, () => {
      const loaded = loadPolicy(modelTextOf(shop), `${shop.id}/model.yaml`);

      it('has a model that loads, applies to the shop and names only catalogue vendors', () => {
        expect(loaded.ok ? [] : loaded.errors).toEqual([]);
        if (!loaded.ok) return;
        expect(shop.hosts[0]!.endsWith(loaded.model.shop.domains[0]!)).toBe(true);
        for (const p of loaded.model.processors) if (p.vendorId) expect(VENDOR_IDS.has(p.vendorId), p.vendorId).toBe(true);
      });

      it("quotes only the shop's own policy text", () => {
        if (!loaded.ok) return;
        const text = normalise(policyText(shop.id));
        const missing = quotes(loaded.model).filter((q) => !text.includes(normalise(q)));
        expect(missing).toEqual([]);
      });

      it('has ground truth about real rules, catalogue vendors and its own scenarios, with traps', () => {
        const truth = groundTruthOf(shop);
        expect(truth.shop).toBe(shop.id);
        expect(truth.traps.length).toBeGreaterThan(0);
        const ids = [...truth.expected, ...truth.traps].map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const e of truth.expected) {
          expect(RULE_IDS.has(e.rule), `${e.id}: ${e.rule}`).toBe(true);
          if (e.vendor) expect(VENDOR_IDS.has(e.vendor), e.vendor).toBe(true);
          expect(e.vendor ?? e.cookie ?? e.host, e.id).toBeDefined();
          for (const s of e.scenarios) expect(shop.scenarios, e.id).toContain(s);
        }
        for (const t of truth.traps) {
          for (const r of t.rules) expect(r === '*' || RULE_IDS.has(r), `${t.id}: ${r}`).toBe(true);
          for (const v of t.vendors ?? []) expect(VENDOR_IDS.has(v), v).toBe(true);
          for (const s of t.scenarios) expect(shop.scenarios, t.id).toContain(s);
        }
      });
    });
  }

  it('covers every kind of trap the benchmark promises', () => {
    const kinds = new Set(CORPUS.flatMap((s) => groundTruthOf(s).traps.map((t) => t.kind)));
    for (const kind of [
      'declared-after-consent',
      'ga4-without-aip',
      'cookie-at-limit',
      'first-party-cdn',
      'consent-tool-cookie',
      'brand-alias',
      'leftovers-after-withdrawal',
      'widget-stores-nothing',
    ])
      expect(kinds, kind).toContain(kind);
  });
});
