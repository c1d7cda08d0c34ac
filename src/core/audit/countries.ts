import { EEA_COUNTRIES } from '../countries/eea';

/** EU member states plus the EEA: the one list in src/core/countries/eea.ts, under the rules' name. */
export const EEA = EEA_COUNTRIES;

/**
 * Countries with an EU adequacy decision (Art. 45 GDPR). The US is adequate only for
 * organisations certified under the Data Privacy Framework, so it is not listed here.
 */
export const ADEQUATE = new Set(['AD', 'AR', 'CA', 'FO', 'GG', 'IL', 'IM', 'JP', 'JE', 'NZ', 'KR', 'CH', 'GB', 'UY']);
