import browser from 'webextension-polyfill';
import { PolicyRegistry } from '../core/policy/registry';
import type { PolicyError } from '../core/policy/load-policy';
import { extensionData } from '../data/extension-data';

const REGISTRY_KEY = 'policyRegistry';

/**
 * The policy registry: bundled models plus the user's imported ones, persisted in
 * storage.local. Stored state that does not parse is left untouched in storage (never
 * overwritten, so nothing is lost) and the bundled models are used meanwhile.
 */
export class PolicyStore {
  private registry: PolicyRegistry;
  private readonly bundled = extensionData.models();
  private storedStateInvalid: string[] = [];
  private storedModelWarnings: PolicyError[] = [];
  readonly ready: Promise<void>;
  /** Called when the models in force changed (imported, removed, or edited in another page). */
  onChange: () => void = () => {};

  constructor() {
    this.registry = PolicyRegistry.create(this.bundled);
    this.ready = this.load();
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && REGISTRY_KEY in changes) void this.load();
    });
  }

  current(): PolicyRegistry {
    return this.registry;
  }

  /** Stored models that no longer validate, or a stored state that does not parse at all. */
  warnings(): PolicyError[] {
    return [...this.storedModelWarnings, ...this.storedStateInvalid.map((message) => ({ file: 'storage.local', path: REGISTRY_KEY, message }))];
  }

  async save(next: PolicyRegistry): Promise<void> {
    if (this.storedStateInvalid.length > 0) throw new Error('stored policy models could not be read; refusing to overwrite them');
    this.registry = next;
    this.onChange();
    await browser.storage.local.set({ [REGISTRY_KEY]: next.toJSON() });
  }

  private async load(): Promise<void> {
    const stored = (await browser.storage.local.get(REGISTRY_KEY))[REGISTRY_KEY];
    if (stored === undefined) return;
    const parsed = PolicyRegistry.fromJSON(this.bundled, stored);
    if (parsed.ok) {
      this.registry = parsed.registry;
      this.storedStateInvalid = [];
      this.storedModelWarnings = parsed.warnings;
      this.onChange();
    } else {
      this.storedStateInvalid = parsed.issues;
      console.error('PolicyLens: stored policy models did not parse', parsed.issues);
    }
  }
}
