import { TCString } from '@iabtcf/core';
import type { ConsentCategory } from './consent-state';

// IAB TCF v2 purposes mapped onto the four consent categories: a category counts as
// granted when any of its purposes has consent.
const PURPOSES: Record<Exclude<ConsentCategory, 'necessary'>, number[]> = {
  marketing: [2, 3, 4, 7],
  statistics: [8, 9, 10],
  preferences: [5, 6, 11],
};

export interface DecodedTcf {
  cmpId: number;
  granted: Record<Exclude<ConsentCategory, 'necessary'>, boolean>;
  purposeConsents: number[];
}

/** Decodes a TC string with @iabtcf/core; null when it does not decode. */
export function decodeTcf(tcString: string): DecodedTcf | null {
  try {
    const model = TCString.decode(tcString);
    const consents: number[] = [];
    model.purposeConsents.forEach((value, id) => {
      if (value) consents.push(id);
    });
    const has = (ids: number[]): boolean => ids.some((id) => consents.includes(id));
    return {
      cmpId: Number(model.cmpId),
      granted: { marketing: has(PURPOSES.marketing), statistics: has(PURPOSES.statistics), preferences: has(PURPOSES.preferences) },
      purposeConsents: consents,
    };
  } catch {
    return null;
  }
}
