import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { GECKO_ID, manifestForFirefox } from '../../build/manifest-for-firefox';

describe('the Firefox manifest, derived from manifest.json', () => {
  const firefox = manifestForFirefox(manifest) as Record<string, unknown> & typeof manifest;

  it('runs the same background module as an event page', () => {
    expect(firefox.background).toEqual({ scripts: [manifest.background.service_worker], type: 'module' });
  });

  it('has an add-on id, a minimum Firefox and declares that it collects no data', () => {
    expect(firefox.browser_specific_settings).toMatchObject({
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: expect.stringMatching(/^\d+\.0$/) },
    });
    expect(firefox.minimum_chrome_version).toBeUndefined();
  });

  it('keeps everything else as in manifest.json and leaves manifest.json itself alone', () => {
    const { background: _b, minimum_chrome_version: _m, permissions, ...shared } = manifest;
    expect(firefox).toMatchObject(shared);
    // The one permission only Firefox has: dns, to tell CNAME-cloaked trackers from the shop.
    expect(firefox.permissions).toEqual([...permissions, 'dns']);
    expect(Object.keys(firefox).filter((k) => k in shared)).toEqual(Object.keys(shared));
    expect(manifest.background.service_worker).toBeTruthy();
    expect(manifest.minimum_chrome_version).toBeTruthy();
  });

  it('refuses a manifest without a background entry', () => {
    expect(() => manifestForFirefox({ manifest_version: 3 })).toThrow(/background/);
  });
});
