import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VendorSchema, vendorFileJsonSchema } from '../../../src/core/vendors/schema.ts';

const SCHEMA_FILE = fileURLToPath(new URL('../../../src/core/vendors/data/vendor.schema.json', import.meta.url));

function validRecord(): Record<string, unknown> {
  return {
    id: 'example-vendor',
    name: 'Example',
    organisation: 'Example',
    legalEntity: 'Example GmbH',
    country: 'DE',
    category: 'analytics',
    products: ['Example Analytics'],
    domains: ['example-cdn.com', 'api.example-cdn.com'],
    cookies: [
      { name: '_ex_{id}', pattern: '^_ex_\\d+$', type: 'cookie', purpose: 'Visitor id.', lifetimeDays: 365 },
      { name: 'ex_session', type: 'sessionStorage', purpose: 'Session.', lifetimeDays: 0 },
      { name: 'ex_db', type: 'indexedDB', purpose: 'Queue.', lifetimeDays: null },
    ],
    privacyPolicyUrl: 'https://example-cdn.com/privacy',
    aliases: ['Exampel'],
  };
}

describe('vendor.schema.json', () => {
  it('is in sync with the zod schema (run with UPDATE_VENDOR_SCHEMA=1 to rewrite)', () => {
    const expected = `${JSON.stringify(vendorFileJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_VENDOR_SCHEMA === '1') writeFileSync(SCHEMA_FILE, expected);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(expected);
  });
});

describe('VendorSchema', () => {
  it('accepts a complete record', () => {
    expect(VendorSchema.safeParse(validRecord()).success).toBe(true);
  });

  it.each([
    ['id not kebab-case', { id: 'Example_Vendor' }],
    ['lower-case country', { country: 'de' }],
    ['unknown category', { category: 'marketing' }],
    ['domain with scheme', { domains: ['https://example.com'] }],
    ['domain with upper case', { domains: ['Example.com'] }],
    ['domain with wildcard', { domains: ['*.example.com'] }],
    ['http privacy policy', { privacyPolicyUrl: 'http://example.com/privacy' }],
    ['unknown field', { website: 'https://example.com' }],
  ])('rejects %s', (_label, patch) => {
    expect(VendorSchema.safeParse({ ...validRecord(), ...patch }).success).toBe(false);
  });

  it.each([
    ['placeholder without pattern', { name: '_ex_{id}', type: 'cookie', purpose: 'x', lifetimeDays: 1 }],
    ['unanchored pattern', { name: '_ex', pattern: '_ex_\\d+', type: 'cookie', purpose: 'x', lifetimeDays: 1 }],
    ['invalid regex', { name: '_ex', pattern: '^_ex_(\\d+$', type: 'cookie', purpose: 'x', lifetimeDays: 1 }],
    ['escaped final dollar', { name: '_ex', pattern: '^_ex\\$', type: 'cookie', purpose: 'x', lifetimeDays: 1 }],
    ['negative lifetime', { name: '_ex', type: 'cookie', purpose: 'x', lifetimeDays: -1 }],
    ['missing lifetime', { name: '_ex', type: 'cookie', purpose: 'x' }],
    ['unknown storage type', { name: '_ex', type: 'webSQL', purpose: 'x', lifetimeDays: 1 }],
  ])('rejects a cookie with %s', (_label, cookie) => {
    expect(VendorSchema.safeParse({ ...validRecord(), cookies: [cookie] }).success).toBe(false);
  });
});
