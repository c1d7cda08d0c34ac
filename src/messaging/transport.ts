import browser from 'webextension-polyfill';
import type { ContentToBackground, PopupRequests, PopupRequestType } from './protocol';

/** Typed request from an extension page to the background. */
export async function requestFromBackground<K extends PopupRequestType>(
  type: K,
  payload: PopupRequests[K]['request'],
): Promise<PopupRequests[K]['response']> {
  return (await browser.runtime.sendMessage({ type, ...payload })) as PopupRequests[K]['response'];
}

/** Fire-and-forget notification from the content script. */
export function notifyBackground(message: ContentToBackground): void {
  browser.runtime.sendMessage(message).catch(() => {
    // The worker may be restarting; the content script re-sends full snapshots on its next tick.
  });
}
