import { describe, expect, it } from 'vitest';
import { segmentText, splitSentences } from '../../../src/core/draft/segment-text.ts';
import { connoxText, normalise, occursIn } from './helpers.ts';

const texts = (t: string, lang: 'nl' | 'de' | 'en' | 'es') => segmentText(t, lang).sentences.map((s) => s.text);

describe('segmentText: sentences', () => {
  it('does not split after Dutch abbreviations (bijv., d.w.z., art., Str.)', () => {
    expect(
      texts('Wij delen gegevens (bijv. met banken), d.w.z. dienstverleners, volgens art. 6 lid 1 AVG. Adres: Lange Str. 3 in Laatzen. Klaar.', 'nl'),
    ).toEqual(['Wij delen gegevens (bijv. met banken), d.w.z. dienstverleners, volgens art. 6 lid 1 AVG.', 'Adres: Lange Str. 3 in Laatzen.', 'Klaar.']);
  });

  it('does not split after German abbreviations (z.B., Abs., lit., Nr.) or ordinals (3. Stock)', () => {
    expect(
      texts('Wir nutzen Cookies, z.B. für Statistiken, gemäß Art. 6 Abs. 1 lit. f DSGVO. Das Büro liegt im 3. Stock. Fragen? Schreiben Sie uns!', 'de'),
    ).toEqual(['Wir nutzen Cookies, z.B. für Statistiken, gemäß Art. 6 Abs. 1 lit. f DSGVO.', 'Das Büro liegt im 3. Stock.', 'Fragen?', 'Schreiben Sie uns!']);
  });

  it('does not split after English abbreviations (e.g., Inc., Ltd.)', () => {
    expect(texts('We use processors, e.g. Zendesk, Inc. and Hotjar Ltd. for support. They act on our behalf.', 'en')).toEqual([
      'We use processors, e.g. Zendesk, Inc. and Hotjar Ltd. for support.',
      'They act on our behalf.',
    ]);
  });

  it('ends a Spanish sentence at "EE.UU." before a capital, but not "EU-U.S." before "Data"', () => {
    expect(texts('Google LLC (EE.UU.) está adherida al marco. TikTok puede transferir datos a EE.UU. TikTok lo dice.', 'es')).toEqual([
      'Google LLC (EE.UU.) está adherida al marco.',
      'TikTok puede transferir datos a EE.UU.',
      'TikTok lo dice.',
    ]);
    expect(texts('Google is certified under the EU-U.S. Data Privacy Framework. That is all.', 'en')).toEqual([
      'Google is certified under the EU-U.S. Data Privacy Framework.',
      'That is all.',
    ]);
  });

  it('keeps a citation glued after the full stop with its sentence', () => {
    expect(splitSentences('Wij leveren de dienst.(Art. 6 DSGVO) Dit omvat gegevens.', new Set(['art']))).toEqual([
      [0, 36],
      [37, 56],
    ]);
  });

  it('joins PDF line breaks and hyphenated words, keeping offsets into the original', () => {
    const original = 'Kop\n\nUw e-\n\nmailadres wordt   opgeslagen \n\nvoor 30 dagen. Daarna niet.\n';
    const doc = segmentText(original, 'nl');
    const s = doc.sentences.find((x) => x.text.startsWith('Uw'));
    expect(s?.text).toBe('Uw e-mailadres wordt opgeslagen voor 30 dagen.');
    expect(normalise(original.slice(s?.start, s?.end))).toBe(s?.text);
  });

  it('drops PDF link annotations inside a sentence and marks the gap', () => {
    const original = 'Kop\n\nU kunt uw toestemming voor de toekomst \n\nhttps://a.example/x\n\nhttps://b.example/y\n\n\n\nintrekken via de manager.\n';
    const s = segmentText(original, 'nl').sentences.at(-1);
    expect(s?.text).toBe('U kunt uw toestemming voor de toekomst […] intrekken via de manager.');
  });

  it('starts a new sentence at each bullet', () => {
    const doc = segmentText('U heeft het recht:\n- volgens art. 15 AVG op inzage;\n- volgens art. 17 AVG op wissen.\n', 'nl');
    expect(doc.sentences.map((s) => [s.text, s.listItem])).toEqual([
      ['U heeft het recht:', false],
      ['volgens art. 15 AVG op inzage;', true],
      ['volgens art. 17 AVG op wissen.', true],
    ]);
  });
});

describe('segmentText: headings', () => {
  it('finds short unpunctuated lines after a sentence end as headings; numbered ones are level 2', () => {
    const text = [
      'Datenschutz',
      '',
      'Wir schützen Ihre Daten.',
      '',
      'Google Analytics',
      'Wir nutzen Google Analytics.',
      '1) Speicherdauer',
      'Die Daten werden 2 Jahre gespeichert.',
    ].join('\n');
    const doc = segmentText(text, 'de');
    expect(doc.sections.map((s) => [s.title, s.level])).toEqual([
      ['Datenschutz', 1],
      ['Google Analytics', 1],
      ['1) Speicherdauer', 2],
    ]);
    const last = doc.sentences.at(-1);
    expect(last && doc.sections[last.top]?.title).toBe('Google Analytics');
  });

  it('does not take a label after a colon or an address line for a heading', () => {
    const doc = segmentText('Contact details of the controller:\nExample Ltd\n1 Main Street\nLondon\n\nCookies\nWe use cookies.\n', 'en');
    expect(doc.sections.map((s) => s.title)).toEqual(['Cookies']);
  });

  it('finds the headings of the Connox seed, including a heading wrapped onto two lines', () => {
    const titles = segmentText(connoxText(), 'nl').sections.map((s) => s.title);
    for (const t of [
      'Verstrekken van gegevens',
      'Bezoek aan onze website',
      'Gegevensbeschermingsinformatie voor Friendly Captcha',
      'Google Pay™',
      'Marketing cookies',
      'Gebruik van sociale media, online marketing, websiteanalyse- en trackingdiensten, en tools van andere dienstverleners',
      'zenloop GmbH',
      'Zendesk',
    ]) {
      expect(titles).toContain(t);
    }
    expect(titles.filter((t) => /https?:|\.pdf$/.test(t))).toEqual([]);
  });

  it('quotes every Connox sentence verbatim and maps it back to the original text', () => {
    const original = connoxText();
    const seed = normalise(original);
    const doc = segmentText(original, 'nl');
    expect(doc.sentences.length).toBeGreaterThan(400);
    expect(doc.sentences.filter((s) => !occursIn(seed, s.text)).map((s) => s.text)).toEqual([]);
    for (const s of doc.sentences.filter((x) => !x.text.includes('[…]'))) {
      expect(normalise(original.slice(s.start, s.end)).replace(/^[-•]\s*/, '')).toBe(s.text);
    }
  });
});
