/**
 * Why a page could not be audited, as a code the presenter words (`batch.failure.*`) and
 * the merged overview and CSV count. The error text itself stays with the result.
 */
export type FailureReason =
  'timeout' | 'renderer-crash' | 'browser-crash' | 'redirect-loop' | 'tls' | 'download' | 'dns' | 'connection' | 'policy-refused' | 'other';

// Checked in order: Playwright wraps the net:: codes and its own errors in its messages.
const PATTERNS: ReadonlyArray<readonly [RegExp, FailureReason]> = [
  [/the extension refused the policy/, 'policy-refused'],
  [/net::ERR_TOO_MANY_REDIRECTS/, 'redirect-loop'],
  [/net::ERR_(CERT_|SSL_)|TLS error/, 'tls'],
  [/Download is starting|net::ERR_ABORTED.*download/i, 'download'],
  [/Page crashed|Target crashed|renderer.*crash/i, 'renderer-crash'],
  [/has been closed|Browser closed|browser has disconnected|Target closed|browser crashed/i, 'browser-crash'],
  [/net::ERR_NAME_NOT_RESOLVED|net::ERR_NAME_RESOLUTION_FAILED|DNS failure/, 'dns'],
  [/net::ERR_CONNECTION_|net::ERR_EMPTY_RESPONSE|net::ERR_ADDRESS_|connection refused/, 'connection'],
  [/timeout|Timeout \d+ms exceeded|net::ERR_TIMED_OUT|did not finish within/i, 'timeout'],
];

/** The reason code for a failed page's error text. */
export function failureReason(error: string): FailureReason {
  for (const [pattern, reason] of PATTERNS) if (pattern.test(error)) return reason;
  return 'other';
}

/** Whether a fresh profile may help: a refused policy fails the same way every time. */
export function isRetryable(reason: FailureReason): boolean {
  return reason !== 'policy-refused';
}
