/**
 * Keys of the user's settings in storage.local, shared by the options page, the background and
 * the tests. Values are plain strings or booleans.
 */

/** Firefox: where canonical names of shop subdomains come from, 'cache' (default) or 'resolver'. */
export const CANONICAL_NAME_LOOKUPS_KEY = 'settings.canonicalNameLookups';

/** The secret key (64 hex digits) that signs exported evidence bundles; never leaves the extension's storage.local. */
export const SIGNING_KEY_SETTING = 'settings.signingKey';
