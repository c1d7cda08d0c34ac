import type { ConsentCategory } from '../consent/consent-state';
import type { VendorCategory } from '../vendors/schema';

/**
 * Which consent a vendor category needs, following how consent tools (Cookiebot, TCF)
 * classify them. 'necessary' here means "no consent rule checked", not a legal opinion.
 */
const BY_VENDOR_CATEGORY: Record<VendorCategory, ConsentCategory> = {
  advertising: 'marketing',
  affiliate: 'marketing',
  social: 'marketing',
  video: 'marketing',
  personalisation: 'marketing',
  'email-marketing': 'marketing',
  'search-recommendations': 'marketing',
  analytics: 'statistics',
  'session-recording': 'statistics',
  'ab-testing': 'statistics',
  'customer-service': 'preferences',
  reviews: 'preferences',
  maps: 'preferences',
  consent: 'necessary',
  payment: 'necessary',
  'fraud-captcha': 'necessary',
  cdn: 'necessary',
  fonts: 'necessary',
  hosting: 'necessary',
  'tag-manager': 'necessary',
  other: 'necessary',
};

const CONSENT_CATEGORIES = new Set<string>(['necessary', 'preferences', 'statistics', 'marketing']);

export function consentCategoryOfVendor(category: VendorCategory): ConsentCategory {
  return BY_VENDOR_CATEGORY[category];
}

/** A policy category id that names one of the four consent categories, else null. */
export function consentCategoryOfPolicyCategory(categoryId: string | null | undefined): ConsentCategory | null {
  if (!categoryId) return null;
  const id = categoryId.toLowerCase();
  if (CONSENT_CATEGORIES.has(id)) return id as ConsentCategory;
  if (id === 'statistics' || id === 'analytics' || id === 'performance') return 'statistics';
  if (id === 'preference' || id === 'functional' || id === 'functionality' || id === 'comfort') return 'preferences';
  if (id === 'advertising' || id === 'partner' || id === 'targeting' || id === 'tracking') return 'marketing';
  if (id === 'essential' || id === 'strictly-necessary' || id === 'technical' || id === 'required') return 'necessary';
  return null;
}
