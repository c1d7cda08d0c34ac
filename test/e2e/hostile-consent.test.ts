import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../../src/cli/launch-browser';
import { ExtensionSession } from '../../src/cli/extension-session';
import { decodeTcf } from '../../src/core/consent/decode-tcf';
import type { AuditReport } from '../../src/core/audit/report-types';
import { startHostileServer, type HostileServer } from '../fixtures/hostile-consent/server';
import { FULL_CONSENT_TC_STRING, HOSTILE_SHOP } from '../fixtures/hostile-consent/page';
import { DIST, settle } from './harness';

interface Touch {
  what: string;
  stack: string;
}

/** The build's real consent-channel name: the strongest forgery is one by a page that learned it. */
function buildChannel(): string {
  const bridge = readFileSync(path.join(DIST, 'registered/consent-bridge.js'), 'utf8');
  const name = /pl-[0-9a-f]{16}/.exec(bridge)?.[0];
  if (!name) throw new Error('no consent channel name in the build');
  return name;
}

interface Visit {
  touches: Touch[];
  report: AuditReport;
}

async function setUp(): Promise<{ server: HostileServer; session: ExtensionSession; close(): Promise<void> }> {
  const server = await startHostileServer(buildChannel());
  const browser = await launchWithExtension({
    extensionDir: DIST,
    allowThirdPartyCookies: true,
    browserArgs: [`--host-resolver-rules=${server.hostResolverRules}`, '--ignore-certificate-errors'],
  });
  const session = new ExtensionSession(browser);
  await session.warmUp(`${HOSTILE_SHOP}/blank`);
  return {
    server,
    session,
    async close() {
      await session.close();
      await server.close();
    },
  };
}

async function visit(session: ExtensionSession, forge: boolean): Promise<Visit> {
  const page: Page = await session.context.newPage();
  await page.goto(`${HOSTILE_SHOP}/?forge=${forge ? 1 : 0}`);
  await settle(page);
  // The content script's later polls (and a reader, when on) have run by now.
  await page.waitForTimeout(1_500);
  const touches = (await page.evaluate(() => (window as unknown as { __hostileTouches: Touch[] }).__hostileTouches.slice())) as Touch[];
  const tabId = await session.tabIdOf(page);
  await page.waitForTimeout(500);
  const report = await session.report(tabId);
  await page.close();
  if (!report) throw new Error('no report for the hostile page');
  return { touches, report };
}

const findingKeys = (r: AuditReport): string[] => r.findings.map((f) => `${f.ruleId}/${f.subject.label}`).sort();

describe('a hostile page cannot detect PolicyLens or forge consent (default build)', () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let plain: Visit;
  let forged: Visit;
  beforeAll(async () => {
    env = await setUp();
    plain = await visit(env.session, false);
    forged = await visit(env.session, true);
  });
  afterAll(async () => env?.close());

  it('forges full consent: the TC string the fake __tcfapi answers grants every category', () => {
    expect(decodeTcf(FULL_CONSENT_TC_STRING)?.granted).toEqual({ marketing: true, statistics: true, preferences: true });
  });

  it('sees nothing of the extension: no trapped name read, no wrapped function called, no stack', () => {
    expect(plain.touches).toEqual([]);
    expect(forged.touches).toEqual([]);
  });

  it('reports the tracker as tracking before consent, forged or not, with the same verdict', () => {
    for (const { report } of [plain, forged]) {
      const tracking = report.findings.find((f) => f.ruleId === 'tracking-before-consent');
      expect(tracking, findingKeys(report).join(', ')).toBeDefined();
      expect(tracking!.evidence.every((e) => e.consent.status === 'no-choice')).toBe(true);
    }
    expect(findingKeys(forged.report)).toEqual(findingKeys(plain.report));
    expect(forged.report.summary.verdict).toEqual(plain.report.summary.verdict);
  });

  it('keeps the consent state at no choice, with no page-reported signal in it', () => {
    expect(forged.report.consent.now.status).toBe('no-choice');
    expect(forged.report.consent.timeline).toEqual([]);
    expect(forged.report.warnings.map((w) => w.code)).not.toContain('page-reported-consent');
  });
});

describe('with the optional page consent reader turned on', () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let forged: Visit;
  beforeAll(async () => {
    env = await setUp();
    const control = await env.session.context.newPage();
    await control.goto(env.session.popupUrl(-1));
    const answer = await control.evaluate(() => chrome.runtime.sendMessage({ type: 'options/set-page-consent-reader', on: true }));
    await control.close();
    expect(answer).toEqual({ ok: true });
    forged = await visit(env.session, true);
  });
  afterAll(async () => env?.close());

  it('is what the traps catch: the reader reads the trapped names, and its stack names the extension', () => {
    expect(forged.touches.length).toBeGreaterThan(0);
    expect(forged.touches.some((t) => t.stack.includes('chrome-extension://'))).toBe(true);
  });

  it('takes the forged signals, and the report says they are page-reported and forgeable', () => {
    expect(forged.report.consent.timeline.some((o) => o.source === 'cookiebot' || o.source === 'iab-tcf')).toBe(true);
    expect(forged.report.warnings.map((w) => w.code)).toContain('page-reported-consent');
  });
});
