import browser from 'webextension-polyfill';
import type { PopupRequests, PopupRequestType } from './protocol';

/** Typed request from an extension page to the background. */
export async function requestFromBackground<K extends PopupRequestType>(
  type: K,
  payload: PopupRequests[K]['request'],
): Promise<PopupRequests[K]['response']> {
  return (await browser.runtime.sendMessage({ type, ...payload })) as PopupRequests[K]['response'];
}
