import type { BackgroundToContent, ContentNotification, ContentToBackground } from '../messaging/protocol';

/**
 * The content script talks to the background through the browser's own runtime API, not
 * webextension-polyfill: the polyfill wraps the whole API at load, in every frame of every
 * page, which measurably slowed page loads. Firefox provides `browser` natively; Chrome's
 * MV3 `chrome.runtime.sendMessage` returns a promise.
 */
interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean | undefined): void;
  };
}

const runtime: RuntimeLike = (
  (globalThis as { browser?: { runtime: RuntimeLike } }).browser ?? (globalThis as unknown as { chrome: { runtime: RuntimeLike } }).chrome
).runtime;

/** This document's id in the sequence numbers: random, so documents of one frame never share a stream. */
const DOCUMENT_STREAM = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
/** The last number sent per message kind. */
const sentCounts = new Map<string, number>();

/**
 * Fire-and-forget notification to the background, numbered per kind (the background sees a
 * skipped number as a lost message).
 */
export function notifyBackground(message: ContentNotification): void {
  const n = (sentCounts.get(message.type) ?? 0) + 1;
  sentCounts.set(message.type, n);
  const numbered: ContentToBackground = { ...message, seq: { doc: DOCUMENT_STREAM, n } };
  runtime.sendMessage(numbered).catch(() => {
    // The worker may be restarting; the content script re-sends full snapshots on its next tick.
  });
}

/** Answers one request type from the background (sendResponse style works in every browser). */
export function answerBackground<K extends keyof BackgroundToContent>(type: K, answer: () => BackgroundToContent[K]['response']): void {
  runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if ((message as { type?: unknown } | null)?.type !== type) return undefined;
    sendResponse(answer());
    return undefined;
  });
}
