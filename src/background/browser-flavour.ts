import browser from 'webextension-polyfill';
import type { PartitionScheme } from '../core/observation';

/** Firefox alone has runtime.getBrowserInfo; the same build runs in both browsers' code paths. */
export const IS_FIREFOX = typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';

/**
 * Who partitions a cookie that carries a partition key: in Chrome only cookies that opt in
 * (CHIPS); in Firefox, Total Cookie Protection partitions every third-party cookie.
 */
export const PARTITION_SCHEME: PartitionScheme = IS_FIREFOX ? 'total-cookie-protection' : 'chips';
