import { describe, expect, it } from 'vitest';
import { extractTransferSignals, mainSafeguard } from '../../../src/core/draft/extract-transfers.ts';

const safeguards = (text: string) => extractTransferSignals(text).safeguards.map((s) => s.safeguard);

describe('extractTransferSignals', () => {
  it.each([
    // Dutch (Connox)
    ['Dit kan in het bijzonder voortvloeien uit een zogenaamde "adequaatheidsbeschikking" van de Europese Commissie', ['adequacy']],
    [
      'ook baseren op de zogenaamde "standaardcontractbepalingen van de EU" of bindende interne voorschriften (zogenaamde bindende bedrijfsvoorschriften).',
      ['scc', 'bcr'],
    ],
    ['Google gebruikt standaardbepalingen inzake gegevensbescherming.', ['scc']],
    ['Apple gebruikt standaardclausules in overeenstemming met Art. 46 (2) en (3) GDPR', ['scc', 'scc']],
    [
      'het adequaatheidsbesluit van de Europese Commissie van 10 juli 2023 (het zogenaamde Data Privacy Framework) op grond van art. 45 GDPR of art. 49 lid 1 a) GDPR',
      ['adequacy', 'dpf', 'adequacy', 'consent'],
    ],
    // German
    ['Die Übermittlung in die USA erfolgt auf Grundlage eines Angemessenheitsbeschlusses (EU-U.S. Data Privacy Framework).', ['adequacy', 'dpf']],
    ['Für Übermittlungen in Drittländer haben wir Standardvertragsklauseln abgeschlossen.', ['scc']],
    // English
    ['Transfers to the United States rely on the standard contractual clauses (SCCs) adopted by the Commission.', ['scc', 'scc']],
    ['Where no adequacy decision exists, we use binding corporate rules.', ['adequacy', 'bcr']],
    // The Data Privacy Framework by its name in the other languages
    ['Google LLC (EE.UU.) está adherida al Marco de Privacidad de Datos UE-EE.UU.', ['dpf']],
    ['Google LLC est certifiée au titre du cadre de protection des données UE-États-Unis.', ['dpf']],
    ['Google LLC er certificeret under databeskyttelsesrammen mellem EU og USA.', ['dpf']],
    ['Google LLC är certifierat enligt dataskyddsramen EU–USA.', ['dpf']],
  ])('%s', (text, expected) => {
    expect(safeguards(text)).toEqual(expected);
  });

  it('finds third-country cues and non-EEA countries in all three languages', () => {
    const nl = extractTransferSignals('De gegevens worden overgedragen aan een server van Google in de Verenigde Staten.');
    expect([nl.transferVerb, nl.countries.map((c) => c.code)]).toEqual([true, ['US']]);
    const de = extractTransferSignals('Eine Übermittlung in Drittländer außerhalb der EU, etwa die USA oder Australien, findet statt.');
    expect([de.thirdCountry, de.countries.map((c) => c.code)]).toEqual([true, ['US', 'AU']]);
    const en = extractTransferSignals('Data may be processed outside the EEA, e.g. in the UK; we also use a provider in Germany.');
    expect([en.thirdCountry, en.countries.map((c) => c.code)]).toEqual([true, ['GB']]);
  });
});

describe('mainSafeguard', () => {
  it('prefers the DPF over the adequacy decision it is, else the first cited', () => {
    expect(mainSafeguard(['adequacy', 'dpf', 'adequacy', 'consent', 'scc'])).toEqual({ safeguard: 'dpf', alsoCited: ['consent', 'scc'] });
    expect(mainSafeguard(['scc', 'bcr'])).toEqual({ safeguard: 'scc', alsoCited: ['bcr'] });
    expect(mainSafeguard([])).toBeNull();
  });
});
