/**
 * Isolated-world bridge of the optional main-world consent reader: registered (with the
 * reader) only while the user has it turned on, so with it off nothing listens for the
 * reader's event. What it passes on is page-reported; the background validates it again.
 */
import { CONSENT_CHANNEL } from '../messaging/consent-channel';
import { notifyBackground } from './runtime';

const MAX_DETAIL = 10_000;

document.addEventListener(CONSENT_CHANNEL, (event) => {
  const detail = (event as CustomEvent<unknown>).detail;
  if (typeof detail !== 'string' || detail.length > MAX_DETAIL) return;
  try {
    notifyBackground({ type: 'content/consent-signal', signal: JSON.parse(detail) as never });
  } catch {
    // Not ours or malformed: ignore.
  }
});
