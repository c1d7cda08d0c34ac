import type { ExtensionSession } from '../extension-session';
import { CdpConnection } from './cdp-connection';
import { DevtoolsRecorder } from './devtools-recorder';
import { userAgentHook, visitorUserAgent } from './visitor-user-agent';

/**
 * The CLI's own DevTools client on a launched browser (started with a DevTools port): the
 * recorder on every target, each target given a visitor's user agent before it runs.
 * Attach it after the warm-up and the extension's set-up, so it sees only the audit.
 */
export async function attachDevtools(session: ExtensionSession, profileDir: string): Promise<{ cdp: CdpConnection; recorder: DevtoolsRecorder }> {
  const browser = await session.browserUserAgent();
  const cdp = await CdpConnection.fromProfile(profileDir);
  try {
    const recorder = await DevtoolsRecorder.start(cdp, {
      hookCookies: true,
      targetHooks: [userAgentHook(cdp, visitorUserAgent(browser.userAgent, browser.hints))],
    });
    return { cdp, recorder };
  } catch (err) {
    await cdp.close();
    throw err;
  }
}
