/**
 * The CLI's one main-world script (the extension injects none): it reports each
 * `document.cookie` write as a console.debug call carrying a marker and the cookie string,
 * which only a DevTools-protocol client sees (Runtime.consoleAPICalled, with the caller's
 * stack). It is needed because the browser caps an expiry at 400 days before any API
 * reports the cookie, and no protocol event carries the string a script wrote. The setter
 * is wrapped in a Proxy of the native one, so it keeps its name, length and
 * `[native code]` text; natives are captured before any page script runs.
 */
export function cookieHookSource(marker: string): string {
  return `(() => {
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (!descriptor || typeof descriptor.set !== 'function') return;
  const debug = console.debug, apply = Reflect.apply, toText = String, con = console;
  const set = new Proxy(descriptor.set, {
    apply(target, self, args) {
      // Converted once and the string handed on: a page's toString would see a second call.
      let text;
      try { text = apply(toText, undefined, [args[0]]); } catch (e) { return apply(target, self, args); }
      try { apply(debug, con, [${JSON.stringify(marker)}, text.slice(0, 8192)]); } catch (e) {}
      return apply(target, self, [text]);
    },
  });
  Object.defineProperty(Document.prototype, 'cookie', { get: descriptor.get, set, enumerable: descriptor.enumerable, configurable: descriptor.configurable });
})();`;
}
