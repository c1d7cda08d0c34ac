import { describe, expect, it } from 'vitest';
import { userAgentCommand, visitorUserAgent } from '../../src/cli/devtools/visitor-user-agent';
import { AUDIT_DISABLED_BLINK_FEATURES, mergeSwitchList } from '../../src/cli/launch-browser';

// What Debian's Chromium 156 headless reported (Browser.getVersion, getHighEntropyValues).
const HEADLESS_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
const HINTS = {
  architecture: 'x86',
  bitness: '64',
  brands: [
    { brand: 'Not:A-Brand', version: '8' },
    { brand: 'Chromium', version: '156' },
  ],
  formFactors: ['Desktop'],
  fullVersionList: [
    { brand: 'Not:A-Brand', version: '8.0.0.0' },
    { brand: 'Chromium', version: '156.0.8078.114' },
  ],
  mobile: false,
  model: '',
  platform: 'Linux',
  platformVersion: '',
  uaFullVersion: '156.0.8078.114',
  wow64: false,
};

describe("a visitor's user agent, derived from the browser's own", () => {
  it('names the product Chrome instead of HeadlessChrome, with the same version and platform', () => {
    expect(visitorUserAgent(HEADLESS_UA, HINTS).userAgent).toBe(
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    );
  });

  it("keeps the browser's client hints whole (an override without them would empty navigator.userAgentData)", () => {
    const { metadata } = visitorUserAgent(HEADLESS_UA, HINTS);
    expect(metadata).toEqual({
      brands: HINTS.brands,
      fullVersionList: HINTS.fullVersionList,
      fullVersion: '156.0.8078.114',
      platform: 'Linux',
      platformVersion: '',
      architecture: 'x86',
      model: '',
      mobile: false,
      bitness: '64',
      wow64: false,
      formFactors: ['Desktop'],
    });
  });

  it('drops a headless brand from the brands and the full version list, should a build report one', () => {
    const { metadata } = visitorUserAgent(HEADLESS_UA, {
      ...HINTS,
      brands: [...HINTS.brands, { brand: 'HeadlessChrome', version: '156' }],
      fullVersionList: [...HINTS.fullVersionList, { brand: 'HeadlessChrome', version: '156.0.8078.114' }],
    });
    expect(metadata.brands.map((b) => b.brand)).toEqual(['Not:A-Brand', 'Chromium']);
    expect(metadata.fullVersionList.map((b) => b.brand)).toEqual(['Not:A-Brand', 'Chromium']);
  });

  it('leaves a user agent without a headless mark as it is', () => {
    const desktop = HEADLESS_UA.replace('HeadlessChrome', 'Chrome');
    expect(visitorUserAgent(desktop, HINTS).userAgent).toBe(desktop);
  });

  it('sets pages and frames through Emulation, workers through Network, nothing else', () => {
    const ua = visitorUserAgent(HEADLESS_UA, HINTS);
    expect(userAgentCommand('page', ua)?.method).toBe('Emulation.setUserAgentOverride');
    expect(userAgentCommand('iframe', ua)?.method).toBe('Emulation.setUserAgentOverride');
    for (const kind of ['worker', 'shared_worker', 'service_worker']) expect(userAgentCommand(kind, ua)?.method).toBe('Network.setUserAgentOverride');
    expect(userAgentCommand('other', ua)).toBeNull();
    expect(userAgentCommand('page', ua)?.params).toEqual({ userAgent: ua.userAgent, userAgentMetadata: ua.metadata });
  });
});

describe('the launch flags that keep navigator.webdriver false', () => {
  it("folds the user's --disable-blink-features into one flag after AutomationControlled (Chromium keeps only the last)", () => {
    const { args, values } = mergeSwitchList(
      ['--lang=nl', '--disable-blink-features=Foo', '--disable-blink-features=Bar,'],
      '--disable-blink-features',
      AUDIT_DISABLED_BLINK_FEATURES,
    );
    expect(args).toEqual(['--lang=nl']);
    expect(values).toEqual(['AutomationControlled', 'Foo', 'Bar']);
  });
});
