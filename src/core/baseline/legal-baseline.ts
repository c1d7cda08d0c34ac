import type { PolicyClause } from '../audit/report-types';

/**
 * The law every shop is held to, whether or not PolicyLens has a model of its policy:
 * written once, each rule quoted from its official English (or, for national law, its
 * own language) text, like a shop's policy clause. Findings that rest on it say so
 * (`grounds: 'legal-baseline'`), and a shop's own words always win where they exist.
 *
 * Sources (quotes are the official texts):
 * - Directive 2002/58/EC (ePrivacy), art. 5(3), as amended by Directive 2009/136/EC:
 *   storing or reading information on the device needs prior consent; read by the EDPB's
 *   Guidelines 2/2023 on the technical scope of art. 5(3) (section 3: URL and pixel
 *   tracking, unique identifiers) to cover tracking requests, not only cookies.
 * - Its German transposition, § 25(1) TDDDG (formerly TTDSG), for shops on .de.
 * - Regulation (EU) 2016/679 (GDPR), art. 7(3) (withdrawal as easy as consent) and
 *   art. 13(1)(f) (a controller must say which third countries receive data, and under
 *   which safeguard); art. 44 (transfers only under Chapter V).
 * - A national recommendation, not law: the CNIL's Délibération n° 2020-092 of 17 September
 *   2020 (recommendation on cookies and other trackers), article 5, quoted in French as
 *   published in the Journal officiel (JORFTEXT000042388197). Its 13-month figure is written
 *   for audience-measurement trackers (the ones exempt from consent); PolicyLens holds the
 *   statistics and marketing cookies of French shops to it as a low notice, on the reading
 *   that a tracker that needs consent should not outlive what the CNIL accepts for one that
 *   does not. The recommendation is soft law (Conseil d'État, 19 June 2020, n° 434684).
 */
export type BaselineRule = 'device-access-needs-consent' | 'withdrawal' | 'transfer-information';

const EPRIVACY = 'Directive 2002/58/EC (ePrivacy Directive), as amended by Directive 2009/136/EC';
const GDPR = 'Regulation (EU) 2016/679 (General Data Protection Regulation)';
const TDDDG = 'Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz (TDDDG)';
const CNIL_2020_092 =
  'CNIL, Délibération n° 2020-092 du 17 septembre 2020 portant adoption d’une recommandation proposant des modalités pratiques de mise en conformité en cas de recours aux « cookies et autres traceurs » (recommandation nationale, FR)';

const EPRIVACY_5_3: PolicyClause = {
  quote:
    'Member States shall ensure that the storing of information, or the gaining of access to information already stored, in the terminal equipment of a subscriber or user is only allowed on condition that the subscriber or user concerned has given his or her consent, having been provided with clear and comprehensive information, in accordance with Directive 95/46/EC, inter alia, about the purposes of the processing.',
  section: 'Article 5(3)',
  document: EPRIVACY,
  origin: 'legal-baseline',
  language: 'en',
};

const TDDDG_25: PolicyClause = {
  quote:
    'Die Speicherung von Informationen in der Endeinrichtung des Endnutzers oder der Zugriff auf Informationen, die bereits in der Endeinrichtung gespeichert sind, sind nur zulässig, wenn der Endnutzer auf der Grundlage von klaren und umfassenden Informationen eingewilligt hat.',
  section: '§ 25 Abs. 1',
  document: TDDDG,
  origin: 'legal-baseline',
  language: 'de',
};

const GDPR_7_3: PolicyClause = {
  quote:
    'The data subject shall have the right to withdraw his or her consent at any time. The withdrawal of consent shall not affect the lawfulness of processing based on consent before its withdrawal. Prior to giving consent, the data subject shall be informed thereof. It shall be as easy to withdraw as to give consent.',
  section: 'Article 7(3)',
  document: GDPR,
  origin: 'legal-baseline',
  language: 'en',
};

const GDPR_13_1_F: PolicyClause = {
  quote:
    'where applicable, the fact that the controller intends to transfer personal data to a third country or international organisation and the existence or absence of an adequacy decision by the Commission, or in the case of transfers referred to in Article 46 or 47, or the second subparagraph of Article 49(1), reference to the appropriate or suitable safeguards and the means by which to obtain a copy of them or where they have been made available.',
  section: 'Article 13(1)(f)',
  document: GDPR,
  origin: 'legal-baseline',
  language: 'en',
};

const CNIL_TRACKER_LIFETIME: PolicyClause = {
  quote:
    "la durée de vie des traceurs soit limitée à une durée permettant une comparaison pertinente des audiences dans le temps, comme c'est le cas d'une durée de treize mois, et qu'elle ne soit pas prorogée automatiquement lors des nouvelles visites",
  section: 'Article 5',
  document: CNIL_2020_092,
  origin: 'legal-baseline',
  language: 'fr',
};

/** Sites on these top-level domains are held to their national transposition of art. 5(3). */
const NATIONAL_DEVICE_ACCESS: Readonly<Record<string, PolicyClause>> = { de: TDDDG_25 };

/**
 * A national recommendation on how long a tracking cookie may live, by top-level domain:
 * 13 months (nominal days, as src/core/policy/duration.ts stores "13 months") for France.
 */
const NATIONAL_TRACKER_LIFETIME: Readonly<Record<string, { maxDays: number; authority: string; clause: PolicyClause }>> = {
  fr: { maxDays: 396, authority: 'CNIL', clause: CNIL_TRACKER_LIFETIME },
};

function topLevelDomain(site: string): string {
  return site.slice(site.lastIndexOf('.') + 1).toLowerCase();
}

/**
 * The national recommendation on tracking-cookie lifetimes that applies to a site, or null
 * where PolicyLens quotes none (the ePrivacy Directive itself sets no lifetime).
 */
export function nationalTrackerLifetime(site: string): { maxDays: number; authority: string; clause: PolicyClause } | null {
  return NATIONAL_TRACKER_LIFETIME[topLevelDomain(site)] ?? null;
}

/**
 * The legal clause a finding rests on when the shop's own policy says nothing about it.
 * `site` (eTLD+1 of the page) picks a national transposition where one is quoted.
 */
export function baselineClause(rule: BaselineRule, site: string): PolicyClause {
  switch (rule) {
    case 'device-access-needs-consent':
      return NATIONAL_DEVICE_ACCESS[topLevelDomain(site)] ?? EPRIVACY_5_3;
    case 'withdrawal':
      return GDPR_7_3;
    case 'transfer-information':
      return GDPR_13_1_F;
  }
}

/** Every clause of the baseline, for the README, tests and the report's "checked against" list. */
export const BASELINE_CLAUSES: readonly PolicyClause[] = [EPRIVACY_5_3, TDDDG_25, GDPR_7_3, GDPR_13_1_F, CNIL_TRACKER_LIFETIME];
