import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES } from '../../src/presenter/catalogues';

/**
 * Every stretch of English text of three words or more in the English catalogue (the
 * literal parts of its messages, between and inside the ICU arguments). A page rendered in
 * another language that contains one of them shows an English sentence.
 */
export function englishFragments(): string[] {
  const out = new Set<string>();
  const walk = (els: MessageFormatElement[]): void => {
    for (const el of els) {
      if (el.type === TYPE.literal) {
        for (const part of el.value.split(/[“”"(),.:;—]/)) {
          const text = part.trim();
          if (text.split(/\s+/).length >= 3) out.add(text);
        }
      }
      if (el.type === TYPE.select || el.type === TYPE.plural) for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  for (const message of Object.values(CATALOGUES.en)) walk(parse(message, { ignoreTag: true }));
  return [...out];
}

/** The English fragments found in a text (empty when the text has none). */
export function englishIn(text: string, fragments: readonly string[] = englishFragments()): string[] {
  const flat = text.replace(/\s+/g, ' ');
  return fragments.filter((f) => flat.includes(f));
}
