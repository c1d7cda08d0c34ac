import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { readStructuredDom } from '../../../../src/core/draft/document/read-dom.ts';
import type { DomNodeLike } from '../../../../src/core/draft/document/read-dom.ts';
import { renderDocument } from '../../../../src/core/draft/document/render-document.ts';
import { structuredDocumentSchema } from '../../../../src/core/draft/document/structured-document.ts';
import type { StructuredDocument } from '../../../../src/core/draft/document/structured-document.ts';
import { draftPolicy } from '../../../../src/core/draft/draft-policy.ts';
import { segmentText } from '../../../../src/core/draft/segment-text.ts';
import { nodeData } from '../../../../src/data/node-data.ts';

function domOf(html: string): DomNodeLike {
  const window = new Window();
  window.document.body.innerHTML = html;
  return window.document.body as unknown as DomNodeLike;
}

const PAGE = `
  <h1>Datenschutzerklärung</h1>
  <h2>1. Hosting</h2><p>Unsere Website wird bei Hetzner Online GmbH gehostet.</p>
  <h2>2. Google Analytics</h2>
  <p>Wir nutzen Google Analytics auf Grundlage Ihrer Einwilligung (Art. 6 Abs. 1 lit. a DSGVO).</p>
  <table><thead><tr><th>Name</th><th>Anbieter</th><th>Zweck</th><th>Speicherdauer</th></tr></thead>
  <tbody><tr><td>_ga</td><td>Google</td><td>Statistik</td><td>2 Jahre</td></tr>
  <tr><td>_gid</td><td>Google</td><td>Statistik</td><td>1 Tag</td></tr></tbody></table>
  <script>document.cookie = "x"</script>
  <div hidden><p>Versteckter Text</p></div>
  <dl><dt>Name</dt><dd>_gat</dd><dt>Speicherdauer</dt><dd>1 Minute</dd></dl>`;

describe('readStructuredDom', () => {
  const doc = readStructuredDom(domOf(PAGE), 'Datenschutz');

  it('keeps headings with levels, paragraphs, tables with header cells and definition lists', () => {
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'heading', 'paragraph', 'heading', 'paragraph', 'table', 'definitions']);
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows[0]?.cells.map((c) => [c.text, c.header])).toEqual([
      ['Name', true],
      ['Anbieter', true],
      ['Zweck', true],
      ['Speicherdauer', true],
    ]);
  });

  it('reads no script text and skips what the page hides', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain('document.cookie');
    expect(text).not.toContain('Versteckter');
  });

  it('never glues cells of block elements together', () => {
    const glued = readStructuredDom(domOf('<div><div>ga</div><div>Google LLC</div></div>'), '');
    expect(glued.blocks).toEqual([
      { kind: 'paragraph', text: 'ga' },
      { kind: 'paragraph', text: 'Google LLC' },
    ]);
  });

  it('passes the schema a content script answer is parsed with', () => {
    expect(structuredDocumentSchema.safeParse(doc).success).toBe(true);
    expect(structuredDocumentSchema.safeParse({ title: '', blocks: [{ kind: 'heading', level: 9, text: 'x' }] }).success).toBe(false);
  });
});

describe('drafting from a structured document', () => {
  const page = readStructuredDom(domOf(PAGE), 'Datenschutz');
  const result = draftPolicy({ page, vendors: nodeData.catalogue(), shop: { name: 'Beispiel', domains: ['beispiel.example'] } });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const { draft } = result;

  it('makes a section of each heading, the page title aside', () => {
    expect(draft.sections.map((s) => [s.title, s.level])).toEqual([
      ['Datenschutzerklärung', 1],
      ['1. Hosting', 1],
      ['2. Google Analytics', 1],
    ]);
  });

  it('reads the table and the definition list as per-cookie lifetimes', () => {
    const ga = draft.model.processors.find((p) => p.vendorId === 'google-analytics');
    expect(ga?.cookies.map((c) => [c.name, c.maxLifetimeDays])).toEqual([
      ['_ga', 731],
      ['_gid', 1],
      ['_gat', 0.000694],
    ]);
    expect(draft.model.promises.filter((p) => p.kind === 'max-cookie-lifetime')).toEqual([]);
  });

  it('points claims into the rendered text it returns', () => {
    for (const c of draft.claims) expect(draft.text.slice(c.start, c.end)).toBe(c.matched);
  });
});

describe('renderDocument', () => {
  it('renders one block per line and marks the headings', () => {
    const doc: StructuredDocument = {
      title: 't',
      blocks: [
        { kind: 'heading', level: 2, text: 'Cookies' },
        { kind: 'list', items: ['one', 'two'] },
        {
          kind: 'table',
          rows: [
            {
              cells: [
                { text: 'a|b', header: false },
                { text: '', header: false },
                { text: 'c', header: false },
              ],
            },
          ],
        },
      ],
    };
    const rendered = renderDocument(doc);
    expect(rendered.text).toBe('Cookies\n- one\n- two\na / b | - | c');
    expect([...rendered.headings]).toEqual([[0, 1]]);
  });
});

describe('plain-text headings', () => {
  it.each(['1. Bestellabwicklung', 'IV. Hosting', '§ 3 Cookies', 'DATENSCHUTZ BEI BEWERBUNGEN'])('recognises "%s" as a heading', (heading) => {
    const doc = segmentText(`Einleitung des Textes.\n\n${heading}\n\nWir verarbeiten Ihre Daten bei der Bestellung.`, 'de');
    expect(doc.sections.map((s) => s.title)).toContain(heading);
  });

  it('reads a pipe table as rows, not as one sentence', () => {
    const doc = segmentText('Cookies\n\nName | Expiry\n_ga | 2 years\n\nThat is all.', 'en');
    expect(doc.sentences.filter((s) => s.tableRow).map((s) => s.text)).toEqual(['Name | Expiry', '_ga | 2 years']);
  });
});
