import { TABLE_CELL_SEPARATOR } from '../segment-text.ts';
import type { StructuredBlock, StructuredDocument } from './structured-document.ts';

/** A structured document as the line text the segmenter reads, with its headings marked. */
export interface RenderedDocument {
  /** One block per line: headings, paragraphs, "- " list items, " | " table rows. */
  text: string;
  /** Line start offset → heading level for the segmenter (1 = section, 2 = sub-section). */
  headings: Map<number, 1 | 2>;
}

/**
 * Renders a structured document to lines. Heading levels become sections: the highest level
 * used is a section (and the next one too when the highest is only the page title); deeper
 * levels are sub-sections. Table rows and definitions become pipe rows, read by the table reader.
 */
export function renderDocument(doc: StructuredDocument): RenderedDocument {
  const lines: string[] = [];
  const headings = new Map<number, 1 | 2>();
  const sectionLevels = sectionLevelsOf(doc.blocks);
  let offset = 0;
  const push = (line: string) => {
    const clean = oneLine(line);
    if (clean === '') return null;
    const at = offset;
    lines.push(clean);
    offset += clean.length + 1;
    return at;
  };
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading': {
        const at = push(b.text);
        if (at !== null) headings.set(at, sectionLevels.has(b.level) ? 1 : 2);
        break;
      }
      case 'paragraph':
        push(b.text);
        break;
      case 'list':
        for (const item of b.items) push(`- ${item}`);
        break;
      case 'table':
        for (const row of b.rows) {
          const cells = row.cells.map((c) => cell(c.text));
          // A one-cell row (a caption or a group title spanning the table) is a line of its own.
          if (cells.length === 1) push(cells[0] as string);
          else if (cells.some((c) => c !== '-')) push(cells.join(TABLE_CELL_SEPARATOR));
        }
        break;
      case 'definitions':
        for (const item of b.items) push(`${cell(item.term)}${TABLE_CELL_SEPARATOR}${cell(item.details)}`);
        break;
    }
  }
  return { text: lines.join('\n'), headings };
}

function sectionLevelsOf(blocks: readonly StructuredBlock[]): Set<number> {
  const counts = new Map<number, number>();
  for (const b of blocks) if (b.kind === 'heading' && b.text.trim() !== '') counts.set(b.level, (counts.get(b.level) ?? 0) + 1);
  const levels = [...counts.keys()].sort((a, b) => a - b);
  const [first, second] = levels;
  if (first === undefined) return new Set();
  return counts.get(first) === 1 && second !== undefined ? new Set([first, second]) : new Set([first]);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A table cell's text: on one line, without the separators a row is joined with. */
function cell(s: string): string {
  const t = oneLine(s).replace(/\s*\|\s*/g, ' / ');
  return t === '' ? '-' : t;
}
