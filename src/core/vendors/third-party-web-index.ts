/**
 * The compact form of third-party-web's entity list (npm `third-party-web`, MIT,
 * https://github.com/patrickhulce/third-party-web) that PolicyLens bundles: only what a
 * host lookup needs (entity name, company, category, domains), none of its statistics,
 * examples or product URL patterns. Built by src/cli/generate-third-party-web-index.ts
 * into generated/third-party-web-index.json; a test keeps the committed file in sync with
 * the installed package.
 */

export const THIRD_PARTY_WEB_INDEX_FORMAT = 'policylens-third-party-web-index';

/**
 * One entity, unpacked from one tab-separated line of the index: name, third-party-web
 * category, company ('' when the entity's name is its company, which is how third-party-web
 * itself reads a missing company), domains. Domains are space-separated; `example.com`
 * stands for third-party-web's `*.example.com` (the domain and every subdomain),
 * `=cdn.example.com` for an exact host.
 */
export type ThirdPartyWebIndexEntity = [name: string, category: string, company: string, domains: string];

/** Field separator inside an entity line: one string per entity keeps the bundle small (no per-field quoting or indentation). */
export const ENTITY_FIELD_SEPARATOR = '\t';

export interface ThirdPartyWebIndex {
  format: typeof THIRD_PARTY_WEB_INDEX_FORMAT;
  /** Version of the third-party-web package the index was built from. */
  version: string;
  licence: 'MIT';
  /** third-party-web's LICENSE text (copyright and permission notice), which MIT asks every copy to carry. */
  licenceNotice: string;
  /** One line per entity: the ThirdPartyWebIndexEntity fields joined by ENTITY_FIELD_SEPARATOR. */
  entities: string[];
}

/** The fields of one entity line, or null when it does not have exactly four. */
export function unpackEntity(line: string): ThirdPartyWebIndexEntity | null {
  const fields = line.split(ENTITY_FIELD_SEPARATOR);
  return fields.length === 4 ? (fields as ThirdPartyWebIndexEntity) : null;
}

/** The fields of one record of third-party-web's dist/entities*.json that the index keeps. */
export interface ThirdPartyWebEntity {
  name: string;
  company?: string;
  category: string;
  domains: string[];
}

const WILDCARD = '*.';
const EXACT = '=';
/** A host with at least one dot, lower-case; third-party-web never lists bare TLDs. */
const HOST = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{2,63}$/;

export type ThirdPartyWebIndexResult = { ok: true; index: ThirdPartyWebIndex } | { ok: false; issues: string[] };

/**
 * Builds the compact index from third-party-web's entity records. Pure and deterministic:
 * entities keep the package's order, domains their order inside an entity.
 */
export function buildThirdPartyWebIndex(entities: readonly ThirdPartyWebEntity[], version: string, licenceNotice: string): ThirdPartyWebIndexResult {
  const issues: string[] = [];
  const seenDomain = new Map<string, string>();
  const out: string[] = [];
  for (const entity of entities) {
    const domains: string[] = [];
    for (const raw of entity.domains) {
      const lower = raw.toLowerCase();
      const wildcard = lower.startsWith(WILDCARD);
      const host = wildcard ? lower.slice(WILDCARD.length) : lower;
      if (!HOST.test(host)) {
        issues.push(`${entity.name}: "${raw}" is not a hostname or *.hostname`);
        continue;
      }
      const key = wildcard ? host : `${EXACT}${host}`;
      const owner = seenDomain.get(key);
      if (owner !== undefined) {
        issues.push(`${entity.name}: "${raw}" is already listed by ${owner}`);
        continue;
      }
      seenDomain.set(key, entity.name);
      domains.push(key);
    }
    const company = entity.company && entity.company !== entity.name ? entity.company : '';
    const fields = [entity.name, entity.category, company];
    if (fields.some((f) => f.includes(ENTITY_FIELD_SEPARATOR))) issues.push(`${entity.name}: a field contains a tab`);
    out.push([...fields, domains.join(' ')].join(ENTITY_FIELD_SEPARATOR));
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, index: { format: THIRD_PARTY_WEB_INDEX_FORMAT, version, licence: 'MIT', licenceNotice, entities: out } };
}
