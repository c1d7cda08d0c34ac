import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES, type Catalogue } from './catalogues';
import { DEFAULT_LANGUAGE, type Language } from './languages';

export type MessageValue = string | number;
/** Named values, or positional ones for messages written with {0}, {1} … */
export type MessageValues = Readonly<Record<string, MessageValue>> | readonly MessageValue[];

export interface Translator {
  readonly lang: Language;
  /** The message in the reader's language, else in English, else the key itself (so a gap is visible, never blank). */
  t(key: string, values?: MessageValues): string;
  has(key: string): boolean;
}

/**
 * ICU MessageFormat through intl-messageformat (FormatJS): plurals and selects per
 * language, and an interpreter rather than generated code, so it runs under the
 * extension's content security policy. Each message is parsed once and kept.
 */
export function createTranslator(lang: Language, catalogues: Readonly<Record<Language, Catalogue>> = CATALOGUES): Translator {
  const own = catalogues[lang];
  const fallback = catalogues[DEFAULT_LANGUAGE];
  const formats = new Map<string, IntlMessageFormat | null>();

  const formatOf = (key: string): { format: IntlMessageFormat | null; source: string } | null => {
    const inOwn = own[key];
    const source = inOwn ?? fallback[key];
    if (source === undefined) return null;
    let format = formats.get(key);
    if (format === undefined) {
      try {
        // ignoreTag: a message is text, never markup ("<" is a character, not a tag).
        format = new IntlMessageFormat(source, inOwn !== undefined ? lang : DEFAULT_LANGUAGE, undefined, { ignoreTag: true });
      } catch {
        format = null;
      }
      formats.set(key, format);
    }
    return { format, source };
  };

  return {
    lang,
    has: (key) => own[key] !== undefined || fallback[key] !== undefined,
    t(key, values) {
      const found = formatOf(key);
      if (!found) return key;
      if (!found.format) return found.source;
      const named = Array.isArray(values) ? Object.fromEntries(values.map((v, i) => [String(i), v])) : (values as Record<string, MessageValue> | undefined);
      try {
        return String(found.format.format(named));
      } catch {
        // A value missing from the call: show the message rather than nothing.
        return found.source;
      }
    },
  };
}
