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

/** A node of the column trie: a leaf's column, and the nested fields below it. */
interface PathNode {
  column: number;
  children: Map<string, PathNode> | null;
}

/** Marks a field absent from a record while columns are collected (never stored). */
const MISSING: unique symbol = Symbol('missing');

/**
 * Packs records in one pass: each leaf field (a non-empty nested object is flattened; an empty
 * one stays one value) finds its column through a trie of field names, so no path string is
 * built per value (this runs on every write of a busy tab).
 */
export function packRecords(records: readonly object[]): PackedRecords {
  const root = new Map<string, PathNode>();
  const paths: string[][] = [];
  const columns: unknown[][] = [];
  const columnOf = (level: Map<string, PathNode>, key: string, prefix: readonly string[]): PathNode => {
    let node = level.get(key);
    if (!node) {
      node = { column: -1, children: null };
      level.set(key, node);
    }
    if (node.column < 0) {
      // Created on first use as a leaf; earlier records lacked it.
      node.column = paths.length;
      paths.push([...prefix, key]);
      columns.push(new Array<unknown>(records.length).fill(MISSING));
    }
    return node;
  };
  const visit = (record: PlainRecord, level: Map<string, PathNode>, prefix: string[], row: number): void => {
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const value = record[key];
      if (value === undefined) continue;
      if (isPlainObject(value) && hasOwnKeys(value)) {
        let node = level.get(key);
        if (!node) {
          node = { column: -1, children: null };
          level.set(key, node);
        }
        node.children ??= new Map();
        prefix.push(key);
        visit(value, node.children, prefix, row);
        prefix.pop();
        continue;
      }
      const node = columnOf(level, key, prefix);
      (columns[node.column] as unknown[])[row] = value;
    }
  };
  records.forEach((record, row) => visit(record as PlainRecord, root, [], row));

  const table = new Map<string, number>();
  const intern = (text: string): number => {
    let index = table.get(text);
    if (index === undefined) {
      index = table.size;
      table.set(text, index);
    }
    return index;
  };
  const kinds: ColumnKind[] = columns.map((values) => {
    let strings = true;
    let nulls = false;
    for (const value of values) {
      if (value === null) nulls = true;
      else if (value !== MISSING && typeof value !== 'string') strings = false;
    }
    // A raw column with nulls lists its absent rows; one without stores absence as null.
    return strings ? 's' : nulls ? 'n' : 'v';
  });
  const absentRows: Record<number, number[]> = {};
  // Row by row, so the strings most records share get the smallest (shortest) indexes.
  const rows = records.map((_, row) =>
    columns.map((values, column) => {
      const value = values[row];
      switch (kinds[column]) {
        case 's':
          return value === MISSING ? ABSENT : value === null ? NULL : intern(value as string);
        case 'n':
          if (value === MISSING) (absentRows[column] ??= []).push(row);
          return value === MISSING ? null : value;
        default:
          return value === MISSING ? null : value;
      }
    }),
  );
  return { f: paths, k: kinds, s: [...table.keys()], r: rows, a: absentRows };
}

function hasOwnKeys(value: PlainRecord): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
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
