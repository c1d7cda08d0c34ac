import { z } from 'zod';

/**
 * A policy page as structure, text only: what the content script reads from the page's DOM
 * and the options page from pasted HTML. Headings keep their level, tables their header cells,
 * so the drafter can tell a section from a sentence and a cookie table's row from prose.
 */
export interface StructuredDocument {
  title: string;
  blocks: StructuredBlock[];
}

export type StructuredBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; rows: StructuredRow[] }
  /** `<dl>`: each term with its details, read like a table with a header column. */
  | { kind: 'definitions'; items: Array<{ term: string; details: string }> };

export interface StructuredRow {
  cells: Array<{ text: string; header: boolean }>;
}

/** Bounds every producer keeps; the schema enforces them at the trust boundary. */
export const STRUCTURED_LIMITS = {
  blocks: 20_000,
  blockText: 20_000,
  listItems: 1_000,
  rows: 2_000,
  cells: 40,
  /** Total characters over all blocks. */
  totalText: 1_000_000,
} as const;

const text = z.string().max(STRUCTURED_LIMITS.blockText);
const blockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), level: z.number().int().min(1).max(6), text }),
  z.object({ kind: z.literal('paragraph'), text }),
  z.object({ kind: z.literal('list'), items: z.array(text).max(STRUCTURED_LIMITS.listItems) }),
  z.object({
    kind: z.literal('table'),
    rows: z.array(z.object({ cells: z.array(z.object({ text, header: z.boolean() })).max(STRUCTURED_LIMITS.cells) })).max(STRUCTURED_LIMITS.rows),
  }),
  z.object({ kind: z.literal('definitions'), items: z.array(z.object({ term: text, details: text })).max(STRUCTURED_LIMITS.listItems) }),
]);

/** Parses a structured document from an untrusted producer (a page's content script). */
export const structuredDocumentSchema = z
  .object({ title: z.string().max(1_000), blocks: z.array(blockSchema).max(STRUCTURED_LIMITS.blocks) })
  .refine((d) => textLength(d) <= STRUCTURED_LIMITS.totalText, { message: `more than ${STRUCTURED_LIMITS.totalText} characters of text` });

function textLength(d: { blocks: ReadonlyArray<z.infer<typeof blockSchema>> }): number {
  let n = 0;
  for (const b of d.blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') n += b.text.length;
    else if (b.kind === 'list') for (const i of b.items) n += i.length;
    else if (b.kind === 'table') for (const r of b.rows) for (const c of r.cells) n += c.text.length;
    else for (const i of b.items) n += i.term.length + i.details.length;
  }
  return n;
}
