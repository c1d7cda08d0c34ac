import type { BackgroundToContent, ContentToBackground } from '../messaging/protocol';

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

/** Fire-and-forget notification to the background. */
export function notifyBackground(message: ContentToBackground): void {
  runtime.sendMessage(message).catch(() => {
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
