import { describe, expect, it } from 'vitest';
import { extractArticleCitations, extractLegalBases, extractVerbalBases } from '../../../src/core/draft/extract-legal-bases.ts';

const bases = (text: string) => extractLegalBases(text).map((b) => `${b.article} ${b.kind}`);

describe('extractLegalBases', () => {
  it.each([
    // Dutch (all from the Connox seed except the last two)
    ['u uitdrukkelijk toestemming hebt gegevens volgens art. 6 lid 1 zin 1 punt a AVG,', ['6(1)(a) consent']],
    ['De rechtsgrondslag voor de gegevensverwerking is art. 6. lid 1 zin 1 punt f AVG.', ['6(1)(f) legitimate-interest']],
    ['De rechtsgrondslag voor de gegevensoverdracht is art. 6 lid 1 letter f DSGVO.', ['6(1)(f) legitimate-interest']],
    ['conform art. 6 (1) lit. f DSGVO op te slaan', ['6(1)(f) legitimate-interest']],
    ['De rechtsgrondslagen voor de opslag van uw gegevens zijn art. 6 lid 1 punt b en f AVG.', ['6(1)(b) contract', '6(1)(f) legitimate-interest']],
    ['overeenkomstig art. 6, lid 1, sub f AVG.', ['6(1)(f) legitimate-interest']],
    ['is art. 6 lid 1 lit f) DSGVO (gerechtvaardigd belang', ['6(1)(f) legitimate-interest']],
    ['is art. 6 (1) a) DSGVO in combinatie met jouw toestemming.', ['6(1)(a) consent']],
    ['uw toestemming, Art. 6 para. 1 zin 1 a) GDPR in combinatie met § 25 lid 1 TTDSG.', ['6(1)(a) consent']],
    ['art. 6 lid 1 zin 1 punt f of art. 6 lid 1 punt b AVG voor het uitvoeren', ['6(1)(f) legitimate-interest', '6(1)(b) contract']],
    ['artikel 6, lid, punt a (toestemming) en artikel 6, lid 2, punt f (behartiging)', ['6(1)(a) consent', '6(2)(f) legitimate-interest']],
    ['te leveren.(Art. 6 DSGVO)', ['6 unspecified']],
    ['op grond van artikel 6, eerste lid, onder c, AVG', ['6(1)(c) legal-obligation']],
    // German
    ['Rechtsgrundlage ist Art. 6 Abs. 1 S. 1 lit. a DSGVO.', ['6(1)(a) consent']],
    ['Die Verarbeitung erfolgt gemäß Art. 6 Abs. 1 lit. b und f DS-GVO.', ['6(1)(b) contract', '6(1)(f) legitimate-interest']],
    ['auf Grundlage von Art. 6 I lit. f DSGVO', ['6(1)(f) legitimate-interest']],
    ['nach Art. 6 Abs. 1 UAbs. 1 Buchst. c DSGVO', ['6(1)(c) legal-obligation']],
    // English
    ['The legal basis is Article 6(1)(b) GDPR.', ['6(1)(b) contract']],
    ['We rely on Art. 6 (1) (f) GDPR.', ['6(1)(f) legitimate-interest']],
    ['on the basis of point (a) of Article 6(1) of the GDPR', ['6(1)(a) consent']],
    // French, as the CNIL cites it
    ['conformément à l’article 6, paragraphe 1, point a), du RGPD', ['6(1)(a) consent']],
    ['reposent sur notre intérêt légitime (article 6, paragraphe 1, point f), du RGPD)', ['6(1)(f) legitimate-interest']],
    ['pursuant to Article 6 para. 1 lit. e GDPR', ['6(1)(e) public-task']],
  ])('%s', (text, expected) => {
    expect(bases(text)).toEqual(expected);
  });

  it('keeps the citation as written and its offsets', () => {
    const text = 'Grundlage ist Art. 6 Abs. 1 lit. f DSGVO, unser Interesse.';
    const [b] = extractLegalBases(text);
    expect(b?.citation).toBe('Art. 6 Abs. 1 lit. f DSGVO');
    expect(text.slice(b?.start, b?.end)).toBe('Art. 6 Abs. 1 lit. f DSGVO');
  });

  it('lowers the confidence of garbled citations and says why', () => {
    const [a] = extractLegalBases('artikel 6, lid, punt a (toestemming)');
    expect(a?.confidence).toBeLessThan(0.7);
    expect(a?.note).toMatch(/paragraph/);
  });

  it('ignores articles other than 6 and citations of other laws', () => {
    expect(bases('volgens art. 15 AVG om inzage; art. 49 lid 1 a) GDPR; Art. 6 Abs. 1 TTDSG')).toEqual([]);
  });
});

describe('extractArticleCitations', () => {
  it('parses transfer articles too', () => {
    expect(extractArticleCitations('op grond van art. 45 GDPR of art. 49 lid 1 a) GDPR').map((c) => [c.article, c.paragraph, c.letters, c.law])).toEqual([
      [45, null, [], 'GDPR'],
      [49, 1, ['a'], 'GDPR'],
    ]);
  });
});

describe('extractVerbalBases', () => {
  it.each([
    ['dan gebeurt dit op basis van onze gerechtvaardigde belangen met betrekking tot klantenservice.', 'legitimate-interest'],
    ['Die Verarbeitung erfolgt auf Grundlage unseres berechtigten Interesses an Sicherheit.', 'legitimate-interest'],
    ['We process this data on the basis of the performance of a contract.', 'contract'],
  ])('%s', (text, kind) => {
    expect(extractVerbalBases(text).map((v) => v.kind)).toEqual([kind]);
  });

  it('needs a basis context and yields nothing when an article is cited', () => {
    expect(extractVerbalBases('Wij hebben een gerechtvaardigd belang.')).toEqual([]);
    expect(extractVerbalBases('Rechtsgrondslag is ons gerechtvaardigd belang, art. 6 lid 1 punt f AVG.')).toEqual([]);
  });
});
