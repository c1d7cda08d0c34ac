import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudits, toAuditRecord, type AuditRunOptions } from '../../src/cli/run-audits';
import type { AuditRecord } from '../../src/cli/audit-record';
import { startCaptureServer, type CaptureServer } from '../fixtures/capture/server';
import { SHOP_URL } from '../fixtures/capture/pages';
import { JS_COOKIE_DAYS, SERVICE_WORKER_CACHE } from '../fixtures/capture/techniques';
import { demoYaml } from '../core/policy/helpers';
import { DIST, SHOP as STOREFRONT } from './harness';
import { startStorefront, type Storefront } from '../fixtures/storefront/server';
import { createPresenter } from '../../src/presenter/presenter';

/**
 * The capture page audited once by the CLI for a describe block (the capture server started
 * before, stopped after); `record()` is the result, ready once the block's beforeAll ran.
 */
function auditCapturePage(options: Pick<AuditRunOptions, 'allowThirdPartyCookies' | 'policy'>): { record(): Extract<AuditRecord, { ok: true }> } {
  let server: CaptureServer | null = null;
  let record: Extract<AuditRecord, { ok: true }> | null = null;
  beforeAll(async () => {
    server = await startCaptureServer();
    const [job] = await runAudits({
      urls: [SHOP_URL],
      scenarios: ['none'],
      extensionDir: DIST,
      browserArgs: [`--host-resolver-rules=${server.hostResolverRules}`, '--ignore-certificate-errors'],
      concurrency: 1,
      timeoutMs: 30_000,
      settleMs: 1_500,
      presenter: createPresenter('en'),
      log: () => {},
      ...options,
    });
    const r = toAuditRecord(job!);
    if (!r.ok) throw new Error(`the capture page could not be audited: ${r.error}`);
    record = r;
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    record() {
      if (!record) throw new Error('the capture page was not audited');
      return record;
    },
  };
}

/**
 * The CLI on the capture page: what the DevTools protocol adds to the extension's log
 * (marked source: devtools) and that the audit then uses, the browser's storage policy, and
 * the early "no consent tool" decision.
 */
describe('policylens CLI on the capture page (DevTools-protocol extras)', () => {
  let record: Extract<AuditRecord, { ok: true }>;
  // A policy whose only limit is 400 days: the script's 1359-day cookie breaks it, the browser's capped copy does not.
  const capture = auditCapturePage({ allowThirdPartyCookies: true, policy: { text: demoYaml('capture', ['capture-shop.nl']), fileName: 'capture.yaml' } });
  beforeAll(() => {
    record = capture.record();
  });

  it('records the expiry a script asked for before the 400-day cap, with the setting script and its stack', () => {
    const attempt = record.observations.cookieAttempts.find((a) => a.name === 'fp_js' && a.source === 'devtools');
    expect(attempt).toMatchObject({
      via: 'script',
      requestUrl: 'https://www.capture-shop.nl/capture/page.js',
      requestHost: 'www.capture-shop.nl',
      party: 'first',
    });
    expect(attempt?.lifetimeDays).toBeCloseTo(JS_COOKIE_DAYS, 0);
    expect(attempt?.stack?.[0]).toMatch(/^https:\/\/www\.capture-shop\.nl\/capture\/page\.js:\d+:\d+$/);
    // What the extension alone can see: the browser's copy, capped.
    const stored = Object.values(record.observations.cookies).find((c) => c.name === 'fp_js');
    expect(stored?.lifetimeDays ?? Infinity).toBeLessThanOrEqual(400.01);
  });

  it('records that URL values were masked, the default', () => {
    expect(record.observations.capture?.urlValues).toBe('masked');
    expect(record.report.warnings.map((w) => w.code)).not.toContain('url-values-kept');
  });

  it('lets the lifetime rule see the script cookie, with no rule changed', () => {
    const lifetime = record.report.findings.filter((f) => f.ruleId === 'cookie-lifetime-exceeded');
    expect(JSON.stringify(lifetime)).toContain('fp_js');
  });

  it('adds Cache Storage per origin, and reports the browser policy it ran under', () => {
    expect(Object.values(record.observations.storageKeys)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ area: 'cacheStorage', origin: 'https://www.capture-shop.nl', key: SERVICE_WORKER_CACHE, source: 'devtools' }),
      ]),
    );
    // The audit reads it like other storage: a row of the storage table.
    expect(record.report.storage.some((s) => s.area === 'cacheStorage' && s.key === SERVICE_WORKER_CACHE)).toBe(true);
    expect(record.observations.capture).toMatchObject({ thirdPartyCookies: 'allowed', storagePartitioning: 'partitioned' });
    expect(record.observations.capture?.disabledFeatures).not.toContain('ThirdPartyStoragePartitioning');
    expect(record.observations.requests.some((r) => r.host === 'ws.tp-socket.com')).toBe(true);
  });

  it('decides "no consent tool" once the loaded page is quiet, and says how long it waited', () => {
    const detection = record.observations.capture?.consentDetection;
    expect(detection?.outcome).toBe('nothing-detected (page quiet)');
    expect(typeof detection?.waitedMs).toBe('number');
    expect(record.consent?.steps.some((s) => s.startsWith('no consent tool: the loaded page made no request for'))).toBe(true);
    console.log(`capture page audited in ${record.durationMs} ms; consent detection waited ${detection?.waitedMs} ms`);
  });
});

describe('policylens CLI on the capture page with third-party cookies blocked (Chromium default)', () => {
  let record: Extract<AuditRecord, { ok: true }>;
  const capture = auditCapturePage({ allowThirdPartyCookies: false, policy: null });
  beforeAll(() => {
    record = capture.record();
  });

  it("records the third-party frame's script cookie as refused, and the first-party one as not", async () => {
    const scriptWrites = record.observations.cookieAttempts.filter((a) => a.source === 'devtools' && a.via === 'script');
    const tp = scriptWrites.find((a) => a.name === 'tp_js');
    expect(tp?.refusedBecause?.length ?? 0).toBeGreaterThan(0);
    expect(tp?.requestUrl).toBe('https://frames.tp-frame.com/frame.html');
    expect(scriptWrites.find((a) => a.name === 'fp_js')?.refusedBecause).toBeUndefined();
    expect(record.observations.capture?.thirdPartyCookies).toBe('blocked');
  });
});

/**
 * A consent scenario is two visits — the one in which the visitor chooses, then the reload —
 * and each carries what the DevTools client saw in it: the storefront's Meta pixel writes
 * `_fbp` from script on every page view, so both parts hold that write as a DevTools cookie
 * attempt, and both report the conditions of the run.
 */
describe('policylens CLI in a consent scenario: both visits carry the DevTools extras', () => {
  let storefront: Storefront | null = null;
  let record: Extract<AuditRecord, { ok: true }> | null = null;
  beforeAll(async () => {
    storefront = await startStorefront({ variant: 'pixel-before-consent', consentTool: 'cookiebot' });
    const [job] = await runAudits({
      urls: [`${STOREFRONT}/`],
      scenarios: ['reject'],
      extensionDir: DIST,
      browserArgs: [`--host-resolver-rules=${storefront.hostResolverRules}`, '--ignore-certificate-errors'],
      allowThirdPartyCookies: true,
      policy: null,
      concurrency: 1,
      timeoutMs: 45_000,
      settleMs: 300,
      presenter: createPresenter('en'),
      log: () => {},
    });
    const r = toAuditRecord(job!);
    if (!r.ok) throw new Error(`the storefront could not be audited: ${r.error}`);
    record = r;
  });
  afterAll(async () => {
    await storefront?.close();
  });

  it('has the script cookie write and the run conditions in the choice visit and in the reload', () => {
    expect(record!.consent?.applied).toBe(true);
    const parts = { choice: record!.choiceVisit?.observations, reload: record!.observations };
    for (const [part, observations] of Object.entries(parts)) {
      const scriptWrite = observations?.cookieAttempts.find((a) => a.name === '_fbp' && a.source === 'devtools' && a.via === 'script');
      expect(scriptWrite, part).toBeDefined();
      expect(observations?.capture?.devtoolsCounts?.scriptCookieWrites ?? 0, part).toBeGreaterThan(0);
    }
  });
});
