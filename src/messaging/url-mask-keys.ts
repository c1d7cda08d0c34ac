/**
 * Where the URL mask's settings live, shared by the background and the CLI (which sets them
 * through its control page before a visit).
 */

/** storage.session: the salt of the URL mask (hex), for this browser session only; never in a tab's state or an export. */
export const URL_MASK_SALT_KEY = 'urlMask.salt';

/** storage.local: true keeps values in URLs as they were (the CLI's --keep-url-values); absent or false masks them. */
export const KEEP_URL_VALUES_KEY = 'settings.keepUrlValues';
