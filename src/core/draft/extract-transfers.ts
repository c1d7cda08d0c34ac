import type { Safeguard } from '../policy/schema.ts';
import { extractArticleCitations } from './extract-legal-bases.ts';
import { EEA_COUNTRIES } from '../countries/eea.ts';
import { findCountries } from './find-countries.ts';
import type { CountryMention } from './find-countries.ts';

/** A transfer safeguard named in a text. */
export interface SafeguardMatch {
  safeguard: Safeguard;
  text: string;
  start: number;
  end: number;
}

/** What one sentence says about transfers outside the EU/EEA. */
export interface TransferSignals {
  /** Mentions third countries in general ("derde landen", "Drittländer", "outside the EEA"). */
  thirdCountry: boolean;
  /** Says data is transferred or stored somewhere ("overgedragen", "übermittelt", "transferred"). */
  transferVerb: boolean;
  safeguards: SafeguardMatch[];
  /** Countries outside the EU/EEA named in the sentence. */
  countries: CountryMention[];
}

const SAFEGUARD_TERMS: ReadonlyArray<[RegExp, Safeguard]> = [
  [
    // The framework's name in each language as the Commission's translations give it.
    /data privacy framework|\bDPF\b|EU-U\.?S\.? (?:data privacy )?framework|privacy shield|gegevensprivacykader|datenschutzrahmen|cadre (?:de protection des données|de confidentialité des données) UE[-–]États-Unis|quadro (?:UE[-–]USA )?per la protezione dei dati|marco de privacidad de datos|databeskyttelsesramme|dataskyddsram(?:en|verket)?/giu,
    'dpf',
  ],
  [
    /adequaatheids(?:besluit|beschikking)(?:en)?|adequaatheid|angemessenheitsbeschl(?:uss|üsse)|adequacy decisions?|adequacy findings?|passend beschermingsniveau|décisions? d['’]adéquation|decisione di adeguatezza|decisión de adecuación|tilstrækkelighedsafgørelse|afgørelse om (?:et )?tilstrækkeligt beskyttelsesniveau|beslut om adekvat skyddsnivå/giu,
    'adequacy',
  ],
  [
    /standaard\s?contract(?:ueel|uele)?\s?(?:bepalingen|clausules)|model\s?contract(?:bepalingen|clausules)|standaard(?:clausules|bepalingen)(?: (?:inzake|voor) gegevensbescherming)?|standardvertragsklauseln|standarddatenschutzklauseln|standard(?:-| )?(?:contractual|data protection) clauses|\bSCCs?\b|EU-standardvertragsklauseln|clauses contractuelles (?:types|standard)|clausole contrattuali (?:standard|tipo)|cláusulas contractuales (?:tipo|estándar)|standardkontrakt(?:s)?bestemmelser|standardavtalsklausuler/giu,
    'scc',
  ],
  [/bindende (?:interne )?bedrijfsvoorschriften|binding corporate rules|verbindliche interne datenschutzvorschriften|\bBCRs?\b/giu, 'bcr'],
];

const THIRD_COUNTRY_RE =
  /derde[- ]?land(?:en)?|buiten de (?:EU|EER|Europese)|drittl(?:and|änder|ändern)|drittstaat(?:en)?|außerhalb (?:der EU|des EWR|der Europäischen)|third[- ]countr(?:y|ies)|outside (?:the )?(?:EU|EEA|European)|pays tiers?|en dehors de l['’](?:UE|EEE|Union)|hors de l['’](?:UE|EEE|Union)|paes[ei] terz[oi]|al di fuori dell['’](?:UE|SEE|Unione)|terceros países|tercer país|fuera de la (?:UE|Unión)|fuera del EEE|tredjeland(?:e)?|uden for (?:EU|EØS)|tredjeländer|utanför (?:EU|EES)/iu;
const TRANSFER_VERB_RE =
  /overgedragen|overgebracht|doorgegeven|doorgeven|overdracht|übermittelt|übermittlung|übertragen|transferred|transfers?\b|transférées?|transférés?|trasferit[oiae]|transferid[oa]s?|transferencias?|overføres|overført|överförs|överförda|verarbeitet in|opgeslagen in|servers? (?:van|of|von) \S+ in/iu;

/**
 * Transfer cues in one sentence: safeguards by name in nl/de/en, and GDPR transfer articles
 * (45 → adequacy, 46 → SCC, 47 → BCR, 49(1)(a) → consent).
 */
export function extractTransferSignals(text: string): TransferSignals {
  const safeguards: SafeguardMatch[] = [];
  for (const [re, safeguard] of SAFEGUARD_TERMS) {
    for (const m of text.matchAll(re)) safeguards.push({ safeguard, text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  for (const c of extractArticleCitations(text)) {
    const safeguard: Safeguard | null =
      c.article === 45 ? 'adequacy' : c.article === 46 ? 'scc' : c.article === 47 ? 'bcr' : c.article === 49 && c.letters.includes('a') ? 'consent' : null;
    if (safeguard) safeguards.push({ safeguard, text: c.text, start: c.start, end: c.end });
  }
  safeguards.sort((a, b) => a.start - b.start);
  return {
    thirdCountry: THIRD_COUNTRY_RE.test(text),
    transferVerb: TRANSFER_VERB_RE.test(text),
    safeguards,
    countries: findCountries(text).filter((c) => !EEA_COUNTRIES.has(c.code)),
  };
}

/**
 * The main safeguard among those cited, and the others. The DPF is itself an adequacy
 * decision, so when both are cited the DPF is the main one; otherwise the first cited wins.
 */
export function mainSafeguard(cited: readonly Safeguard[]): { safeguard: Safeguard; alsoCited: Safeguard[] } | null {
  const unique = [...new Set(cited)];
  if (unique.length === 0) return null;
  const main = unique.includes('dpf') ? 'dpf' : (unique[0] as Safeguard);
  const alsoCited = unique.filter((s) => s !== main && !(main === 'dpf' && s === 'adequacy'));
  return { safeguard: main, alsoCited };
}
