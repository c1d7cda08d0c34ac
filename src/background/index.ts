import browser from 'webextension-polyfill';
import { TabStore } from './tab-store';
import { observeRequests } from './observe-requests';
import { observeCookies } from './observe-cookies';
import { handleMessages } from './handle-messages';
import { PolicyStore } from './policy-store';
import { AuditService } from './audit-service';
import { watchHostAccess } from './watch-host-access';
import { followCanonicalNameSetting } from './resolve-canonical-names';
import { syncPageConsentReader } from './page-consent-reader';
import { followUrlMaskSettings } from './url-mask';

// All listeners are registered synchronously on start: Chrome delivers the event that woke
// the worker only to listeners present after the first turn of the script.
// The mask's salt is read before the tab store reads its state: events wait for the latter.
followUrlMaskSettings();
const store = new TabStore();
const policies = new PolicyStore();
const audits = new AuditService(store, policies);
store.onChange = (tabId) => audits.schedule(tabId);
policies.onChange = () => audits.invalidate();
observeRequests(store);
observeCookies(store);
followCanonicalNameSetting();
handleMessages(store, audits, policies);
watchHostAccess();
// The optional main-world consent reader is registered only while the user has it on.
void syncPageConsentReader();
browser.tabs.onRemoved.addListener((tabId) => {
  audits.forget(tabId);
  void store.whenReady(() => store.remove(tabId));
});
