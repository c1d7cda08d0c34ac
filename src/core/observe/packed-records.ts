/**
 * A list of plain records packed for storage: field names once (nested objects flattened to
 * one column per leaf), one row of values per record, and each string column's values interned in
 * one table. Thousands of requests repeat their field names, hosts, frame URLs and resource
 * types; packed, a request of the fixture shop takes about a third of its JSON.
 */
export interface PackedRecords {
  /** Column paths: ['frame', 'url'] is field url of the nested object frame. */
  f: string[][];
  /** Column kinds: 's' strings by table index (-1 absent, -2 null); 'v' raw values (null: absent); 'n' raw values, absent rows listed in `a`. */
  k: ColumnKind[];
  /** The interned strings. */
  s: string[];
  /** One row per record, a value per column. */
  r: unknown[][];
  /** Per 'n' column, the rows in which it is absent. */
  a: Record<number, number[]>;
}

type ColumnKind = 's' | 'v' | 'n';
type PlainRecord = Record<string, unknown>;

const ABSENT = -1;
const NULL = -2;

function isPlainObject(value: unknown): value is PlainRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens non-empty nested objects into leaf columns (an empty one stays one value), keyed by the path as JSON. */
function flatten(record: PlainRecord, prefix: string[], into: Map<string, unknown>, paths: Map<string, string[]>): void {
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    const path = [...prefix, key];
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      flatten(value, path, into, paths);
      continue;
    }
    const id = JSON.stringify(path);
    if (!paths.has(id)) paths.set(id, path);
    into.set(id, value);
  }
}

export function packRecords(records: readonly object[]): PackedRecords {
  const paths = new Map<string, string[]>();
  const flat: Map<string, unknown>[] = [];
  for (const record of records) {
    const fields = new Map<string, unknown>();
    flatten(record as PlainRecord, [], fields, paths);
    flat.push(fields);
  }
  const names = [...paths.keys()];
  const kinds: ColumnKind[] = names.map((name) => {
    let strings = true;
    let nulls = false;
    for (const fields of flat) {
      const value = fields.get(name);
      if (value === null) nulls = true;
      else if (value !== undefined && typeof value !== 'string') strings = false;
    }
    if (strings) return 's';
    // A raw column with nulls lists its absent rows; one without stores absence as null.
    return nulls ? 'n' : 'v';
  });
  const table = new Map<string, number>();
  const intern = (s: string): number => {
    let index = table.get(s);
    if (index === undefined) {
      index = table.size;
      table.set(s, index);
    }
    return index;
  };
  const absentRows: Record<number, number[]> = {};
  const rows = flat.map((fields, row) =>
    names.map((name, column) => {
      const present = fields.has(name);
      const value = fields.get(name);
      switch (kinds[column]) {
        case 's':
          return !present ? ABSENT : value === null ? NULL : intern(value as string);
        case 'n':
          if (!present) (absentRows[column] ??= []).push(row);
          return present ? value : null;
        default:
          return present ? value : null;
      }
    }),
  );
  return { f: [...paths.values()], k: kinds, s: [...table.keys()], r: rows, a: absentRows };
}

/** The records back, as packed. Throws on a malformed pack (the caller validates the result anyway). */
export function unpackRecords(packed: PackedRecords): PlainRecord[] {
  const { f: paths, k: kinds, s: strings, r: rows, a: absentRows } = packed;
  const absent = new Map<number, Set<number>>(Object.entries(absentRows).map(([column, list]) => [Number(column), new Set(list)]));
  return rows.map((values, row) => {
    const record: PlainRecord = {};
    for (let column = 0; column < paths.length; column += 1) {
      const raw = values[column];
      let value: unknown;
      switch (kinds[column]) {
        case 's':
          if (raw === ABSENT) continue;
          value = raw === NULL ? null : strings[raw as number];
          if (typeof value !== 'string' && value !== null) throw new Error(`packed string ${String(raw)} is not in the table`);
          break;
        case 'n':
          if (absent.get(column)?.has(row)) continue;
          value = raw;
          break;
        default:
          if (raw === null) continue;
          value = raw;
      }
      const path = paths[column] as string[];
      let target = record;
      for (let i = 0; i < path.length - 1; i += 1) {
        const key = path[i] as string;
        if (!Object.hasOwn(target, key) || !isPlainObject(target[key]))
          Object.defineProperty(target, key, { value: {}, enumerable: true, writable: true, configurable: true });
        target = target[key] as PlainRecord;
      }
      // defineProperty: a field named __proto__ must stay a field, never become a prototype.
      Object.defineProperty(target, path.at(-1) as string, { value, enumerable: true, writable: true, configurable: true });
    }
    return record;
  });
}
