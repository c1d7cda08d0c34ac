import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { DevtoolsRecorder } from './devtools/devtools-recorder';
import { IsolatedWorlds, type FrameRef } from './devtools/isolated-worlds';

/**
 * Drives DuckDuckGo's autoconsent (MPL-2.0) as its own browser extension does: its content
 * script runs at document start in every frame, in an isolated world the page cannot see
 * (no `autoconsentSendMessage` or other global in the page's world), talks to us through a
 * binding that exists only in that world, and we answer `init` with its rule set and run its
 * `eval` snippets (a consent tool's API, e.g. `window.Cookiebot.declined`) in the page's main
 * world. We never click anything ourselves: detection and the opt-in / opt-out steps are the
 * library's rules for the consent tool it recognises.
 */

interface AutoconsentMessage {
  type: string;
  id?: string;
  code?: string;
  cmp?: string;
  result?: boolean;
  url?: string;
  details?: unknown;
  mainFrame?: boolean;
  state?: { lifecycle?: string };
}

export interface ConsentToolDetection {
  /** autoconsent's rule name for the tool it found (e.g. "Cybotcookiebot"), or null. */
  cmp: string | null;
  /** Whether the tool's banner was open, i.e. a choice could be made. */
  popupOpen: boolean;
  /** What detection ended on: popup found, nothing detected, or out of time. */
  outcome: 'popup-found' | 'cmp-without-popup' | 'nothing-detected' | 'timeout';
  /** autoconsent's last lifecycle state in the main frame (for diagnosis). */
  lifecycle: string | null;
  /** "Nothing" was decided because the loaded page stayed quiet, before autoconsent gave up itself. */
  decidedByQuiet?: boolean;
}

/** Decide "no consent tool" once the loaded page made no request for `quietMs`. */
export interface QuietDecision {
  quietMs: number;
  /** When the page last started a request (epoch ms). */
  lastActivityAt(): number;
}

/** How an accept or refuse call ended, as a code the presenter words (`detail` is the log's English). */
export type ConsentActionOutcome = 'succeeded' | 'failed' | 'noBanner' | 'noTool' | 'timeout';

export interface ConsentActionResult {
  ok: boolean;
  cmp: string | null;
  outcome: ConsentActionOutcome;
  /** Milliseconds waited, for a timeout. */
  waitedMs?: number;
  detail: string;
}

let cached: { script: string; rules: unknown; version: string } | null = null;

/**
 * autoconsent waits 1 s for each snippet's answer (its `Deferred`). Its extension answers
 * through the browser's own messaging; ours crosses the DevTools socket and Node's event
 * loop, which a loaded machine (load 19 on 2 cores) slowed past 1 s: a refusal read as failed.
 */
const EVAL_ANSWER_LIMIT_MS = 10_000;
const EVAL_DEFERRED = 'constructor(id, timeout = 1e3)';

function library(): { script: string; rules: unknown; version: string } {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const rulesPath = require.resolve('@duckduckgo/autoconsent/rules/rules.json');
  const root = path.resolve(path.dirname(rulesPath), '..');
  const bundled = readFileSync(path.join(root, 'dist', 'autoconsent.playwright.js'), 'utf8');
  // Checked, so an autoconsent update that renames it fails loudly instead of bringing the 1 s back.
  if (!bundled.includes(EVAL_DEFERRED)) throw new Error(`autoconsent's snippet answer limit (${EVAL_DEFERRED}) was not found in its bundle`);
  const script = bundled.replace(EVAL_DEFERRED, `constructor(id, timeout = ${EVAL_ANSWER_LIMIT_MS})`);
  const rules = (JSON.parse(readFileSync(rulesPath, 'utf8')) as { autoconsent: unknown }).autoconsent;
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  cached = { script, rules, version };
  return cached;
}

/** The autoconsent version in use, for reports. */
export function autoconsentVersion(): string {
  return library().version;
}

interface RuleRunContext {
  runContext?: { main?: boolean; frame?: boolean; urlPattern?: string };
}

/**
 * The rules that can run in this frame, by the same test autoconsent applies itself
 * (checkFrameContext, hasMatchingUrlPattern): the full set is 680 KB, sent to every frame
 * of every load, and most of it is site-specific rules for other sites.
 */
export function rulesFor(frameUrl: string, isTop: boolean): unknown[] {
  return (library().rules as RuleRunContext[]).filter((rule) => {
    const ctx = { main: true, frame: false, urlPattern: '', ...rule.runContext };
    if (isTop ? !ctx.main : !ctx.frame) return false;
    if (!ctx.urlPattern) return true;
    try {
      return new RegExp(ctx.urlPattern).test(frameUrl);
    } catch {
      return true;
    }
  });
}

// Detection only: the CLI decides when to opt in or out (after the page settled).
// isMainWorld false: the script runs in an isolated world, so it sends its snippets to us
// (`eval`) to run in the page's world. Each round trip has a 1 s limit inside autoconsent.
const CONFIG = {
  isMainWorld: false,
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: true,
  enableGeneratedRules: true,
  detectRetries: 20,
  visualTest: false,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
};

const WORLD_NAME = 'policylens-autoconsent';
const BINDING_NAME = 'policylensAutoconsent';

/**
 * Runs first in the isolated world: autoconsent's send function, wrapping the binding (which
 * takes one string) and naming the frame's place; `__name` is the helper a TypeScript runner
 * adds to functions the CLI sends (readVisibleBannerButtons), defined here, in our world only.
 */
const WORLD_PRELUDE = `(() => {
  globalThis.__name = globalThis.__name || ((f) => f);
  globalThis.autoconsentSendMessage = (message) => globalThis.${BINDING_NAME}(JSON.stringify({ isTop: window.top === window, message }));
})();`;

export class AutoconsentDriver {
  readonly messages: AutoconsentMessage[] = [];
  private popupFrame: FrameRef | null = null;
  private waiters: Array<() => void> = [];
  private worlds: IsolatedWorlds | null = null;

  private constructor() {}

  /** Call before the first navigation: every document of the page then starts with autoconsent in its isolated world. */
  static async attach(page: Page, recorder: DevtoolsRecorder): Promise<AutoconsentDriver> {
    const driver = new AutoconsentDriver();
    const session = await page.context().newCDPSession(page);
    const { targetInfo } = (await session.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
    await session.detach().catch(() => {});
    driver.worlds = await IsolatedWorlds.attach(recorder, {
      targetId: targetInfo.targetId,
      worldName: WORLD_NAME,
      bindingName: BINDING_NAME,
      source: `${WORLD_PRELUDE}\n${library().script}`,
      onCall: (frame, payload) => void driver.onCall(frame, payload),
    });
    return driver;
  }

  /** Stop listening (the page is closed or done with). */
  detach(): void {
    this.worlds?.detach();
  }

  /** Forget what the previous visit reported (call before a reload). */
  resetVisit(): void {
    this.messages.length = 0;
    this.popupFrame = null;
  }

  /** Sends autoconsent in the frame a message (not awaited there: an `initResp` starts its whole detection). */
  private tell(frame: FrameRef, message: unknown): Promise<unknown> {
    return this.worlds?.inWorld(frame, `void autoconsentReceiveMessage(${JSON.stringify(message)})`) ?? Promise.resolve(undefined);
  }

  private async onCall(frame: FrameRef, payload: string): Promise<void> {
    let call: { isTop: boolean; message: AutoconsentMessage };
    try {
      call = JSON.parse(payload) as { isTop: boolean; message: AutoconsentMessage };
    } catch {
      return;
    }
    const message = call.message;
    this.messages.push(message);
    switch (message.type) {
      case 'init':
        await this.tell(frame, { type: 'initResp', config: CONFIG, rules: { autoconsent: rulesFor(message.url ?? '', call.isTop === true) } });
        break;
      case 'eval': {
        const result = await this.worlds?.inMainWorld(frame, message.code ?? 'false');
        await this.tell(frame, { id: message.id, type: 'evalResp', result: result ?? false });
        break;
      }
      case 'popupFound':
        this.popupFrame = frame;
        break;
      default:
        break;
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  private has(type: string): AutoconsentMessage | undefined {
    return this.messages.find((m) => m.type === type);
  }

  private lifecycle(): string | null {
    const reports = this.messages.filter((m) => m.type === 'report' && m.mainFrame && m.state?.lifecycle);
    return reports.at(-1)?.state?.lifecycle ?? null;
  }

  private nextMessage(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Waits until autoconsent found an open banner, concluded there is none, or time ran out.
   * A tool detected without a banner (consent already stored) is given `graceMs` to open one.
   */
  async detect(timeoutMs = 30_000, graceMs = 6_000, quiet?: QuietDecision): Promise<ConsentToolDetection> {
    const deadline = Date.now() + timeoutMs;
    let detectedAt: number | null = null;
    for (;;) {
      const lifecycle = this.lifecycle();
      const popup = this.has('popupFound');
      if (popup) return { cmp: popup.cmp ?? null, popupOpen: true, outcome: 'popup-found', lifecycle };
      const detected = this.has('cmpDetected');
      if (detected && detectedAt === null) detectedAt = Date.now();
      if (detected && Date.now() - (detectedAt ?? 0) > graceMs) return { cmp: detected.cmp ?? null, popupOpen: false, outcome: 'cmp-without-popup', lifecycle };
      if (!detected && lifecycle === 'nothingDetected') return { cmp: null, popupOpen: false, outcome: 'nothing-detected', lifecycle };
      // autoconsent's own "nothing" takes its full retry budget (≈30 s). A page that has loaded
      // and made no request for quietMs has run the scripts that would have shown a banner.
      if (!detected && quiet && Date.now() - quiet.lastActivityAt() >= quiet.quietMs) {
        return { cmp: null, popupOpen: false, outcome: 'nothing-detected', lifecycle, decidedByQuiet: true };
      }
      if (Date.now() > deadline) return { cmp: detected?.cmp ?? null, popupOpen: false, outcome: 'timeout', lifecycle };
      await this.nextMessage(250);
    }
  }

  /** Counts of received message types, for diagnosing a detection that went nowhere. */
  messageCounts(): string {
    const counts = new Map<string, number>();
    for (const m of this.messages) counts.set(m.type, (counts.get(m.type) ?? 0) + 1);
    return [...counts].map(([k, v]) => `${k}×${v}`).join(', ') || 'no messages';
  }

  /**
   * The texts of the visible, enabled buttons of the open banner, read in the frame where
   * autoconsent found it: inside fixed, sticky or dialog elements (the shapes autoconsent's
   * own heuristics look for, open shadow roots included), or the whole document when the
   * banner is a frame of its own.
   * Texts only, capped; null when no banner is open or the frame went away.
   */
  async bannerButtonTexts(): Promise<string[] | null> {
    const frame = this.popupFrame;
    if (!frame || !this.worlds) return null;
    // In the isolated world: the page's own wrappers of querySelectorAll or getComputedStyle never run.
    const texts = await this.worlds.inWorld<string[]>(frame, `(${readVisibleBannerButtons.toString()})()`);
    return Array.isArray(texts) ? texts : null;
  }

  /** Accept all through the detected tool's opt-in rule. */
  optIn(timeoutMs = 15_000): Promise<ConsentActionResult> {
    return this.act('optIn', 'optInResult', timeoutMs);
  }

  /** Refuse all (or withdraw, when the banner is closed) through the tool's opt-out rule. */
  optOut(timeoutMs = 15_000): Promise<ConsentActionResult> {
    return this.act('optOut', 'optOutResult', timeoutMs);
  }

  /**
   * autoconsent's self-test after an opt-out: asks the consent tool itself whether it now
   * records a refusal (for Cookiebot: window.Cookiebot.declined). Null when the tool's rule
   * has no self-test or it did not answer in time.
   */
  async selfTest(timeoutMs = 10_000): Promise<boolean | null> {
    const frame = this.popupFrame;
    if (!frame) return null;
    const before = this.messages.length;
    void this.tell(frame, { type: 'selfTest' });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = this.messages.slice(before).find((m) => m.type === 'selfTestResult');
      if (result) return result.cmp === 'none' ? null : result.result === true;
      if (Date.now() > deadline) return null;
      await this.nextMessage(250);
    }
  }

  private async act(action: 'optIn' | 'optOut', resultType: string, timeoutMs: number): Promise<ConsentActionResult> {
    const frame = this.popupFrame;
    const cmp = this.has('cmpDetected')?.cmp ?? null;
    if (!frame)
      return {
        ok: false,
        cmp,
        outcome: cmp ? 'noBanner' : 'noTool',
        detail: cmp ? `${cmp} was detected but its banner was never shown, so there was nothing to ${describe(action)}` : 'no consent tool was detected',
      };
    const before = this.messages.length;
    const sent = this.tell(frame, { type: action });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = this.messages.slice(before).find((m) => m.type === resultType);
      if (result) {
        await sent;
        return {
          ok: result.result === true,
          cmp: result.cmp ?? cmp,
          outcome: result.result === true ? 'succeeded' : 'failed',
          detail:
            result.result === true
              ? `${result.cmp ?? cmp}: ${describe(action)} succeeded`
              : `${result.cmp ?? cmp}: autoconsent's ${action} rule reported failure`,
        };
      }
      if (Date.now() > deadline)
        return { ok: false, cmp, outcome: 'timeout', waitedMs: timeoutMs, detail: `${cmp ?? 'consent tool'}: no ${resultType} within ${timeoutMs} ms` };
      await this.nextMessage(250);
    }
  }
}

/** Runs in the page's isolated world: self-contained, no closures over Node values. */
function readVisibleBannerButtons(): string[] {
  const BUTTON_LIKE = 'button, input[type="button"], input[type="submit"], a, [role="button"], [class*="button"]';
  const visible = (el: Element): boolean => {
    const html = el as HTMLElement;
    if (html.offsetParent !== null) return true;
    const css = getComputedStyle(html);
    return css.position === 'fixed' && css.display !== 'none';
  };
  const dialogLike = (el: Element): boolean =>
    (el.tagName === 'DIALOG' && el.hasAttribute('open')) || el.getAttribute('role') === 'dialog' || el.getAttribute('aria-modal') === 'true';
  const containers: Element[] = [];
  if (window.top !== window) {
    containers.push(document.body ?? document.documentElement);
  } else {
    // Open shadow roots too: some tools (Usercentrics) render their banner inside one.
    const roots: Node[] = [document.documentElement];
    for (let r = 0; r < roots.length && r < 200; r++) {
      const walker = document.createTreeWalker(roots[r]!, NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node as Element;
        if (el.shadowRoot) roots.push(el.shadowRoot);
        if (el.tagName === 'BODY' || !visible(el)) continue;
        const position = getComputedStyle(el).position;
        if (position === 'fixed' || position === 'sticky' || dialogLike(el)) containers.push(el);
      }
    }
  }
  const texts = new Set<string>();
  for (const container of containers) {
    const buttons = [...container.querySelectorAll(BUTTON_LIKE)];
    for (const b of buttons) {
      // A wrapper that holds other buttons is not a button itself.
      if (buttons.some((other) => other !== b && b.contains(other))) continue;
      if (!visible(b) || (b as HTMLButtonElement).disabled) continue;
      const box = b.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const input = b instanceof HTMLInputElement && (b.type === 'button' || b.type === 'submit') ? b.value : '';
      const text = ((b as HTMLElement).innerText || input || '').trim();
      if (text) texts.add(text.slice(0, 100));
      if (texts.size >= 50) return [...texts];
    }
  }
  return [...texts];
}

function describe(action: 'optIn' | 'optOut'): string {
  return action === 'optIn' ? 'accept all' : 'refuse all';
}
