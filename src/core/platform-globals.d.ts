/**
 * The only platform globals the core may use, beyond ECMAScript: WHATWG APIs that the
 * extension's worker and pages and Node all provide. Read by tsconfig.core.json alone (the
 * whole-project tsconfig excludes it and has the DOM's full declarations instead), so a core
 * file that reaches for anything else — window, document, chrome, fetch, process — fails to
 * compile. Each member is one the core uses; add one only when it exists in all three.
 */

declare class URLSearchParams {
  constructor(init?: string | Record<string, string> | [string, string][]);
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
  keys(): IterableIterator<string>;
  entries(): IterableIterator<[string, string]>;
  forEach(callback: (value: string, key: string) => void): void;
  [Symbol.iterator](): IterableIterator<[string, string]>;
  toString(): string;
}

declare class URL {
  constructor(url: string, base?: string | URL);
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  readonly searchParams: URLSearchParams;
  toString(): string;
}

/** HTML's structured clone (workers, pages, Node ≥ 17). */
declare function structuredClone<T>(value: T): T;

/** HTML's base64 decoder (workers, pages, Node ≥ 16); throws on input that is not base64. */
declare function atob(data: string): string;
