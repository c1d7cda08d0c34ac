import { z } from 'zod';

/** Consent tools whose rendered cookie declaration PolicyLens reads from the page. */
export const PAGE_DECLARATION_TOOLS = ['cookiebot', 'onetrust', 'usercentrics'] as const;
export type PageDeclarationTool = (typeof PAGE_DECLARATION_TOOLS)[number];

/**
 * One category's table of a consent tool's cookie declaration as the page shows it: the
 * category heading, the header cells, and each row's cells as text. A cell keeps its line
 * breaks (`<br>`), since Cookiebot lists one provider per line. A tool that renders a list
 * rather than a table (Usercentrics' services) gives one row per entry: its title, then one
 * cell per section (the section's title and its text, one per line).
 */
export interface PageDeclarationTable {
  heading: string;
  header: string[];
  rows: string[][];
}

/** What the content script reads from the DOM for one consent tool; the core reader turns it into a declaration. */
export interface PageDeclaration {
  tool: PageDeclarationTool;
  /** The page the declaration was read from: the declaration's document. */
  url: string;
  tables: PageDeclarationTable[];
}

/** Bounds the extractor keeps; the schema enforces them at the trust boundary. */
export const PAGE_DECLARATION_LIMITS = { tables: 50, rows: 2_000, cells: 24, cellText: 4_000 } as const;

const cell = z.string().max(PAGE_DECLARATION_LIMITS.cellText);
const tableSchema = z.object({
  heading: cell,
  header: z.array(cell).max(PAGE_DECLARATION_LIMITS.cells),
  rows: z.array(z.array(cell).max(PAGE_DECLARATION_LIMITS.cells)).max(PAGE_DECLARATION_LIMITS.rows),
});

/** Parses what a page's content script answered (untrusted: the page controls every string). */
export const pageDeclarationsSchema = z
  .array(z.object({ tool: z.enum(PAGE_DECLARATION_TOOLS), url: z.string().max(4_096), tables: z.array(tableSchema).max(PAGE_DECLARATION_LIMITS.tables) }))
  .max(PAGE_DECLARATION_TOOLS.length);
