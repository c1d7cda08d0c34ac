import browser from 'webextension-polyfill';
import { TabStore } from './tab-store';
import { observeRequests } from './observe-requests';
import { observeCookies } from './observe-cookies';
import { handleMessages } from './handle-messages';

// All listeners are registered synchronously on start: Chrome delivers the event that woke
// the worker only to listeners present after the first turn of the script.
const store = new TabStore();
observeRequests(store);
observeCookies(store);
handleMessages(store);
browser.tabs.onRemoved.addListener((tabId) => {
  void store.whenReady(() => store.remove(tabId));
});
