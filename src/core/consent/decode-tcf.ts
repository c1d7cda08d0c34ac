import { TCString } from '@iabtcf/core';
import type { ConsentCategory } from './consent-state';

// IAB TCF v2.2 purposes mapped onto the four consent categories: a category counts as
// granted when any of its purposes has consent.
//   1  store and/or access information on a device — the precondition of every category,
//      not a category of its own: kept in the purpose list only
//   2  use limited data to select advertising       → marketing
//   3  create profiles for personalised advertising → marketing
//   4  use profiles to select personalised ads      → marketing
//   5  create profiles to personalise content       → preferences
//   6  use profiles to select personalised content  → preferences
//   7  measure advertising performance              → marketing (it measures ads, for ad vendors)
//   8  measure content performance                  → statistics
//   9  understand audiences (statistics, combining) → statistics
//   10 develop and improve services                 → statistics
//   11 use limited data to select content           → preferences
const PURPOSES: Record<Exclude<ConsentCategory, 'necessary'>, number[]> = {
  marketing: [2, 3, 4, 7],
  statistics: [8, 9, 10],
  preferences: [5, 6, 11],
};

export interface DecodedTcf {
  cmpId: number;
  granted: Record<Exclude<ConsentCategory, 'necessary'>, boolean>;
  purposeConsents: number[];
  /** Vendor ids (IAB Global Vendor List) with consent. */
  vendorConsents: number[];
}

/** Decodes a TC string with @iabtcf/core; null when it does not decode. */
export function decodeTcf(tcString: string): DecodedTcf | null {
  try {
    const model = TCString.decode(tcString);
    const consents: number[] = [];
    model.purposeConsents.forEach((value, id) => {
      if (value) consents.push(id);
    });
    const vendors: number[] = [];
    model.vendorConsents.forEach((value, id) => {
      if (value) vendors.push(id);
    });
    const has = (ids: number[]): boolean => ids.some((id) => consents.includes(id));
    return {
      cmpId: Number(model.cmpId),
      granted: { marketing: has(PURPOSES.marketing), statistics: has(PURPOSES.statistics), preferences: has(PURPOSES.preferences) },
      purposeConsents: consents,
      vendorConsents: vendors,
    };
  } catch {
    return null;
  }
}
