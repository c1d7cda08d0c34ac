import { describe, expect, it } from 'vitest';
import { extractDurations, extractSessionEnd, NUMBER_WORDS } from '../../../src/core/draft/extract-durations.ts';

const durations = (text: string) => extractDurations(text).map((d) => [d.text, d.days, d.bound]);

describe('extractDurations', () => {
  it.each([
    // Dutch (Connox)
    ['worden maximaal 1000 dagen op onze harde schijf opgeslagen', [['maximaal 1000 dagen', 1000, 'max']]],
    ['Het gaat hierbij om een termijn van maximaal 22 jaar.', [['maximaal 22 jaar', 8036, 'max']]],
    ['Deze cookies zijn na 30 dagen niet meer geldig', [['na 30 dagen', 30, 'after']]],
    ['worden deze binnen 30 dagen verwijderd', [['binnen 30 dagen', 30, 'within']]],
    ['het sollicitatiedossier zes maanden na kennisgeving verwijderd', [['zes maanden', 183, 'exact']]],
    ['(regelmatig tien jaar vanaf het afsluiten van het contract)', [['tien jaar', 3653, 'exact']]],
    [
      'uiterlijk na vierentwintig uur en een termijn van maximaal tweeëntwintig weken',
      [
        ['na vierentwintig uur', 1, 'after'],
        ['maximaal tweeëntwintig weken', 154, 'max'],
      ],
    ],
    // German
    ['Die Cookies werden 2 Jahre gespeichert.', [['2 Jahre', 731, 'exact']]],
    [
      'Speicherdauer: bis zu 14 Monate, Logdaten höchstens sieben Tage.',
      [
        ['bis zu 14 Monate', 426, 'max'],
        ['höchstens sieben Tage', 7, 'max'],
      ],
    ],
    ['Löschung nach vierundzwanzig Stunden', [['nach vierundzwanzig Stunden', 1, 'after']]],
    ['ein Jahr', [['ein Jahr', 365, 'exact']]],
    // English
    ['Analytics cookies expire after 13 months.', [['after 13 months', 396, 'after']]],
    [
      'We keep logs for up to thirty-one days and backups for one year.',
      [
        ['up to thirty-one days', 31, 'max'],
        ['one year', 365, 'exact'],
      ],
    ],
    ['The _gat cookie lasts 1 minute.', [['1 minute', 0.000694, 'exact']]],
  ])('%s', (text, expected) => {
    expect(durations(text)).toEqual(expected);
  });

  it('ignores numbers without a unit and dates', () => {
    expect(durations('Besluit (EU)2021/914 van 4 juni 2021, 2048 bits, Art. 6')).toEqual([]);
  });

  it('builds number words for all three languages', () => {
    expect([
      NUMBER_WORDS.get('zes'),
      NUMBER_WORDS.get('sechs'),
      NUMBER_WORDS.get('six'),
      NUMBER_WORDS.get('drieëntwintig'),
      NUMBER_WORDS.get('dreiundzwanzig'),
      NUMBER_WORDS.get('twenty-three'),
    ]).toEqual([6, 6, 6, 23, 23, 23]);
  });
});

describe('extractSessionEnd', () => {
  it.each([
    ['Deze tijdelijke cookies worden verwijderd zodra de bezoeker de website verlaat.', 'leave-site'],
    ['Session cookies are deleted when you close your browser.', 'browser-closed'],
    ['Diese Cookies werden beim Schließen des Browsers gelöscht.', 'browser-closed'],
    ['uitsluitend opgeslagen voor de duur van de browsersessie in de SessionStorage', 'session'],
    ['für die Dauer der Sitzung gespeichert', 'session'],
  ])('%s', (text, when) => {
    expect(extractSessionEnd(text)?.deletedWhen).toBe(when);
  });
});

describe('written-out numbers in the other five languages', () => {
  it.each([
    ['conservé un an', 365],
    ['conservé deux ans', 731],
    ['conservato sei mesi', 183],
    ['se conserva un año', 365],
    ['gemt i tolv måneder', 365],
    ['sparas i ett år', 365],
  ])('%s', (text, days) => {
    expect(extractDurations(text).map((d) => d.days)).toEqual([days]);
  });

  it('reads no number in Dutch "en" or French "et" ("dagen en weken")', () => {
    expect(extractDurations('Wij bewaren dit dagen en weken lang.')).toEqual([]);
    expect(extractDurations('il y a des jours et semaines')).toEqual([]);
  });
});
