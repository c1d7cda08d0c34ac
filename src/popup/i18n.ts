import { getContext, setContext } from 'svelte';

/** Looks up a UI message; '' when the key is unknown (browser i18n's convention). */
export type MessageSource = (key: string, substitutions?: readonly string[]) => string;

/** Translate a UI message key; falls back to the key so a missing message is visible, not blank. */
export type Translate = (key: string, substitutions?: readonly (string | number)[]) => string;

/** The shape of a `_locales/<lang>/messages.json` file. */
export type MessagesJson = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>;

const T_CONTEXT = Symbol('policylens-t');
const POSITIONAL_RE = /\$(\$|\d)/g;
const NAMED_RE = /\$([A-Za-z0-9_@]+)\$/g;

/** Build t() over a message source; every UI string goes through it. */
export function createTranslate(source: MessageSource): Translate {
  return (key, substitutions) => {
    const subs = substitutions?.map(String);
    return source(key, subs) || key;
  };
}

/** The browser's own i18n (chrome.i18n), which follows the browser's UI language. */
export function browserMessageSource(): MessageSource {
  return (key, substitutions) => chrome.i18n.getMessage(key, substitutions ? [...substitutions] : undefined);
}

/**
 * A message source over a parsed messages.json, substituting like the browser does: named
 * `$name$` placeholders map to `$1`…`$9`, which take the substitutions. Lets component
 * tests and the dev page run in any locale without an extension.
 */
export function jsonMessageSource(messages: MessagesJson): MessageSource {
  const lower = new Map(Object.entries(messages).map(([k, v]) => [k.toLowerCase(), v]));
  return (key, substitutions = []) => {
    const entry = lower.get(key.toLowerCase());
    if (!entry) return '';
    const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
    const withNamed = entry.message.replace(NAMED_RE, (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole);
    return withNamed.replace(POSITIONAL_RE, (_whole, token: string) => (token === '$' ? '$' : (substitutions[Number(token) - 1] ?? '')));
  };
}

/** Make t() available to every descendant component (call during component init). */
export function provideTranslate(t: Translate): void {
  setContext(T_CONTEXT, t);
}

/** The t() a parent provided (call during component init). */
export function useTranslate(): Translate {
  const t = getContext<Translate | undefined>(T_CONTEXT);
  if (!t) throw new Error('useTranslate() called outside a component tree that provided t()');
  return t;
}
