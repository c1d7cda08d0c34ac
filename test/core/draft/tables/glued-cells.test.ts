import { describe, expect, it } from 'vitest';
import { gluedHeader, gluedRow } from '../../../../src/core/draft/tables/glued-cells.ts';
import { readTables } from '../../../../src/core/draft/tables/read-tables.ts';
import { segmentText } from '../../../../src/core/draft/segment-text.ts';

const texts = (cells: ReturnType<typeof gluedRow>) => cells?.map((c) => c.text) ?? null;

describe('glued table lines (inline cells flattened without separators)', () => {
  it('cuts a glued header row into header words, a name among them', () => {
    expect(texts(gluedHeader('NomeFornitoreFinalitàDurataConsenso'))).toEqual(['Nome', 'Fornitore', 'Finalità', 'Durata', 'Consenso']);
    expect(gluedHeader('GoogleAnalytics')).toBeNull();
    expect(gluedHeader('Elenco dei cookie')).toBeNull();
  });

  it('cuts a row into exactly as many cells as the header has, with offsets into the line', () => {
    const line = '_gaGoogle Ireland LimitedStatistica2 anniRichiesto';
    const cells = gluedRow(line, 5);
    expect(texts(cells)).toEqual(['_ga', 'Google Ireland Limited', 'Statistica', '2 anni', 'Richiesto']);
    for (const c of cells ?? []) expect(line.slice(c.offset, c.offset + c.text.length)).toBe(c.text);
    expect(texts(gluedRow('PHPSESSIDCasa BelliniSessione del carrelloSessioneNon necessario', 5))).toEqual([
      'PHPSESSID',
      'Casa Bellini',
      'Sessione del carrello',
      'Sessione',
      'Non necessario',
    ]);
  });

  it('leaves a row that cuts into another number of cells as text', () => {
    expect(gluedRow('OptanonConsentOneTrustStores your choices1 yearNo', 5)).toBeNull();
    expect(gluedRow('We use cookies.', 5)).toBeNull();
  });

  it('makes the segmenter read such a table, offsets kept', () => {
    const text = 'Elenco dei cookie\nNomeFornitoreDurata\n_gaGoogle Ireland Limited2 anni\n_fbpMeta Platforms Ireland Limited3 mesi\nFine.';
    const doc = segmentText(text, 'it');
    const records = readTables(doc.sentences).map((r) => [r.cells.name?.text, r.cells.provider?.text, r.cells.duration?.text]);
    expect(records).toEqual([
      ['_ga', 'Google Ireland Limited', '2 anni'],
      ['_fbp', 'Meta Platforms Ireland Limited', '3 mesi'],
    ]);
  });
});
