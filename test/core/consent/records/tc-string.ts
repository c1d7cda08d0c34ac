import { GVL, TCModel, TCString } from '@iabtcf/core';

/**
 * A real TC string, encoded with @iabtcf/core from an in-memory vendor list with the eleven
 * TCF v2.2 purposes (nothing is fetched).
 */
export function tcString(purposes: number[], vendors: number[] = [], cmpId = 31): string {
  const purposeDefs = Object.fromEntries(
    Array.from({ length: 11 }, (_, i) => [String(i + 1), { id: i + 1, name: `Purpose ${i + 1}`, description: '', descriptionLegal: '' }]),
  );
  const gvl = new GVL({
    gvlSpecificationVersion: 3,
    vendorListVersion: 100,
    tcfPolicyVersion: 4,
    lastUpdated: '2024-01-01T00:00:00Z',
    purposes: purposeDefs,
    specialPurposes: {},
    features: {},
    specialFeatures: {},
    // Encoding keeps only vendors the list knows.
    vendors: Object.fromEntries(
      vendors.map((id) => [
        String(id),
        {
          id,
          name: `Vendor ${id}`,
          purposes: [1],
          legIntPurposes: [],
          flexiblePurposes: [],
          specialPurposes: [],
          features: [],
          specialFeatures: [],
          policyUrl: '',
        },
      ]),
    ),
    stacks: {},
  } as unknown as ConstructorParameters<typeof GVL>[0]);
  const model = new TCModel(gvl);
  model.cmpId = cmpId;
  model.cmpVersion = 1;
  model.consentScreen = 1;
  model.purposeConsents.set(purposes);
  model.vendorConsents.set(vendors);
  return TCString.encode(model);
}
