import { z } from 'zod';
import { domainLadder, normaliseHost } from '../site.ts';
import { dumpPolicy } from './dump-policy.ts';
import { loadPolicy } from './load-policy.ts';
import type { PolicyError, PolicyFormat } from './load-policy.ts';
import { policyModelSchema, type PolicyModel } from './schema.ts';

export type ModelOrigin = 'bundled' | 'user';

/**
 * A user model as persisted: the file as imported, so export gives back the same text, and
 * the model the loader made of it. A worker start validates that model against the schema
 * (Connox's 92 KB file: 7.5 ms) instead of loading the text again (138 ms: lexer, limits, YAML,
 * located errors); a model that no longer validates (a newer schema version) is loaded from
 * its text, which migrates it.
 */
export interface StoredUserModel {
  fileName: string;
  format: PolicyFormat;
  text: string;
  model?: PolicyModel;
}

/** Serialisable registry state (the persistence adapter stores this as-is). */
export interface RegistryState {
  version: 1;
  /** In import order; for the same domain a later import wins. */
  userModels: StoredUserModel[];
  /** Explicit user choice: domain → model id. */
  assignments: Record<string, string>;
  /** Stored entries that no longer validate, kept verbatim so saving never loses them. */
  rejected: unknown[];
}

export interface ResolvedModel {
  model: PolicyModel;
  origin: ModelOrigin;
}

export interface ModelMatch extends ResolvedModel {
  /** The domain on the host's ladder that matched (`connox.nl` for `www.connox.nl`). */
  matchedDomain: string;
  via: 'assignment' | 'domain';
}

export type ImportModelResult =
  { ok: true; registry: PolicyRegistry; model: PolicyModel; warnings: PolicyError[]; replaced: boolean } | { ok: false; errors: PolicyError[] };

export type RegistryFromJsonResult = { ok: true; registry: PolicyRegistry; warnings: PolicyError[] } | { ok: false; issues: string[] };

interface UserEntry {
  stored: StoredUserModel;
  model: PolicyModel;
}

const HOST_RE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

const stateSchema = z.strictObject({
  version: z.literal(1),
  userModels: z.array(z.unknown()),
  assignments: z.record(z.string(), z.string()),
  rejected: z.array(z.unknown()).optional(),
});
const storedModelSchema = z.object({
  fileName: z.string(),
  format: z.enum(['yaml', 'json']),
  text: z.string(),
  model: z.unknown().optional(),
});

/**
 * Bundled and user-imported policy models, and which one applies to a host. Immutable:
 * every change returns a new registry, so a failed import cannot leave a half-changed
 * one behind. Pure: persistence goes through toJSON/fromJSON in an adapter.
 */
export class PolicyRegistry {
  private readonly byDomain: ReadonlyMap<string, ResolvedModel>;

  private constructor(
    private readonly bundled: readonly PolicyModel[],
    private readonly users: readonly UserEntry[],
    private readonly assigned: ReadonlyMap<string, string>,
    private readonly rejected: readonly unknown[],
  ) {
    const index = new Map<string, ResolvedModel>();
    for (const model of bundled) for (const d of model.shop.domains) if (!index.has(d)) index.set(d, { model, origin: 'bundled' });
    // Users after bundled, in import order, so the latest import wins a shared domain.
    for (const { model } of users) for (const d of model.shop.domains) index.set(d, { model, origin: 'user' });
    this.byDomain = index;
  }

  /** A registry over the bundled models only. Duplicate bundled ids are a build bug. */
  static create(bundled: readonly PolicyModel[]): PolicyRegistry {
    const ids = new Set<string>();
    for (const m of bundled) {
      if (ids.has(m.id)) throw new Error(`duplicate bundled policy model id "${m.id}"`);
      ids.add(m.id);
    }
    return new PolicyRegistry(bundled, [], new Map(), []);
  }

  /**
   * Restore stored state. A malformed state is rejected as a whole; a stored model that no
   * longer validates is kept aside (see RegistryState.rejected) and reported as a warning.
   */
  static fromJSON(bundled: readonly PolicyModel[], state: unknown): RegistryFromJsonResult {
    const parsed = stateSchema.safeParse(state);
    if (!parsed.success) {
      return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`) };
    }
    const warnings: PolicyError[] = [];
    const rejected: unknown[] = [...(parsed.data.rejected ?? [])];
    const users: UserEntry[] = [];
    parsed.data.userModels.forEach((entry, i) => {
      const stored = storedModelSchema.safeParse(entry);
      if (!stored.success) {
        rejected.push(entry);
        warnings.push({ file: `userModels[${i}]`, path: '', message: 'stored entry is not a {fileName, format, text} record' });
        return;
      }
      const { fileName, format, text } = stored.data;
      const kept = stored.data.model === undefined ? null : policyModelSchema.safeParse(stored.data.model);
      const loaded = kept?.success ? { ok: true as const, model: kept.data } : loadPolicy(text, fileName, format);
      if (!loaded.ok) {
        rejected.push(entry);
        warnings.push(...loaded.errors);
        return;
      }
      const others = users.filter((u) => u.model.id !== loaded.model.id);
      users.splice(0, users.length, ...others, { stored: { fileName, format, text }, model: loaded.model });
    });
    const registry = new PolicyRegistry(bundled, users, new Map(Object.entries(parsed.data.assignments)), rejected);
    return { ok: true, registry, warnings };
  }

  toJSON(): RegistryState {
    return {
      version: 1,
      userModels: this.users.map((u) => ({ ...u.stored, model: u.model })),
      assignments: Object.fromEntries(this.assigned),
      rejected: [...this.rejected],
    };
  }

  /**
   * Import a model file. A user model with the same id is replaced; every other model is
   * kept. On failure the errors are returned and this registry is untouched.
   */
  /** `knownVendorIds`: the catalogue's ids, to warn about vendor ids outside it (see loadPolicy). */
  importModel(text: string, fileName: string, format?: PolicyFormat, knownVendorIds?: ReadonlySet<string>): ImportModelResult {
    const fmt: PolicyFormat = format ?? (/\.json$/i.test(fileName) ? 'json' : 'yaml');
    const loaded = loadPolicy(text, fileName, fmt, knownVendorIds ? { knownVendorIds } : {});
    if (!loaded.ok) return { ok: false, errors: loaded.errors };
    const replaced = this.users.some((u) => u.model.id === loaded.model.id);
    const users = [...this.users.filter((u) => u.model.id !== loaded.model.id), { stored: { fileName, format: fmt, text }, model: loaded.model }];
    return {
      ok: true,
      registry: new PolicyRegistry(this.bundled, users, this.assigned, this.rejected),
      model: loaded.model,
      warnings: loaded.warnings,
      replaced,
    };
  }

  /** Remove a user model (bundled models cannot be removed); assignments to it stay inert. */
  removeUserModel(id: string): PolicyRegistry {
    return new PolicyRegistry(
      this.bundled,
      this.users.filter((u) => u.model.id !== id),
      this.assigned,
      this.rejected,
    );
  }

  /** Make `domain` (and its subdomains) use model `modelId`, whatever the models declare. */
  assignDomain(domain: string, modelId: string): { ok: true; registry: PolicyRegistry } | { ok: false; message: string } {
    const d = normaliseHost(domain.trim());
    if (!HOST_RE.test(d)) return { ok: false, message: `"${domain}" is not a domain name` };
    if (!this.getModel(modelId)) return { ok: false, message: `no model with id "${modelId}"` };
    const assigned = new Map(this.assigned);
    assigned.set(d, modelId);
    return { ok: true, registry: new PolicyRegistry(this.bundled, this.users, assigned, this.rejected) };
  }

  unassignDomain(domain: string): PolicyRegistry {
    const assigned = new Map(this.assigned);
    assigned.delete(normaliseHost(domain.trim()));
    return new PolicyRegistry(this.bundled, this.users, assigned, this.rejected);
  }

  get assignments(): Readonly<Record<string, string>> {
    return Object.fromEntries(this.assigned);
  }

  /** The model with this id; a user model shadows a bundled one with the same id. */
  getModel(id: string): ResolvedModel | undefined {
    const user = this.users.find((u) => u.model.id === id);
    if (user) return { model: user.model, origin: 'user' };
    const model = this.bundled.find((m) => m.id === id);
    return model ? { model, origin: 'bundled' } : undefined;
  }

  /** The file a user model was imported from, as stored. */
  storedFile(id: string): StoredUserModel | undefined {
    return this.users.find((u) => u.model.id === id)?.stored;
  }

  /** All models; `shadowed` marks bundled models hidden by a user model with the same id. */
  listModels(): Array<ResolvedModel & { shadowed: boolean }> {
    const userIds = new Set(this.users.map((u) => u.model.id));
    return [
      ...this.users.map((u) => ({ model: u.model, origin: 'user' as const, shadowed: false })),
      ...this.bundled.map((model) => ({ model, origin: 'bundled' as const, shadowed: userIds.has(model.id) })),
    ];
  }

  /**
   * The model for a page host: walk from the host up to its registrable domain and take the
   * first (most specific) level with a match. At one level an explicit assignment beats a
   * user model, which beats a bundled one.
   */
  findModelForHost(hostname: string): ModelMatch | null {
    const host = normaliseHost(hostname.trim());
    if (host === '') return null;
    for (const domain of domainLadder(host)) {
      const assignedId = this.assigned.get(domain);
      const assigned = assignedId === undefined ? undefined : this.getModel(assignedId);
      if (assigned) return { ...assigned, matchedDomain: domain, via: 'assignment' };
      const declared = this.byDomain.get(domain);
      if (declared) return { ...declared, matchedDomain: domain, via: 'domain' };
    }
    return null;
  }

  /**
   * Export a model as text. A user model exported in its imported format gives back the
   * imported text verbatim (comments included); otherwise the model is serialised.
   */
  exportModel(id: string, format?: PolicyFormat): string | null {
    const user = this.users.find((u) => u.model.id === id);
    if (user && (format === undefined || format === user.stored.format)) return user.stored.text;
    const resolved = this.getModel(id);
    return resolved ? dumpPolicy(resolved.model, format ?? 'yaml') : null;
  }
}
