import browser from 'webextension-polyfill';
import type { PopupRequests, PopupRequestType } from './protocol';

/**
 * The one way an extension page (popup, options) asks the background something, typed by
 * PopupRequests. A request that fails — the background rejected it, or nothing answered —
 * is logged with its type and passed on as a rejection; it is never dropped silently.
 */
export async function request<K extends PopupRequestType>(type: K, payload: PopupRequests[K]['request']): Promise<PopupRequests[K]['response']> {
  try {
    const response: unknown = await browser.runtime.sendMessage({ type, ...payload });
    // Every request has an answer (null at most); undefined means no listener handled it.
    if (response === undefined) throw new Error(`the background did not answer ${type}`);
    return response as PopupRequests[K]['response'];
  } catch (error) {
    console.error(`PolicyLens: request ${type} failed:`, error);
    throw error;
  }
}
