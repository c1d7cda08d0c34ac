import { DA } from './da.ts';
import { DE } from './de.ts';
import { EN } from './en.ts';
import { ES } from './es.ts';
import { FR } from './fr.ts';
import { IT } from './it.ts';
import type { DraftLanguage, DraftLexicon } from './lexicon-types.ts';
import { NL } from './nl.ts';
import { SV } from './sv.ts';

/** Every lexicon, keyed by language; the eight languages the drafter supports. */
export const LEXICONS: Readonly<Record<DraftLanguage, DraftLexicon>> = { nl: NL, de: DE, en: EN, fr: FR, it: IT, es: ES, da: DA, sv: SV };

export const DRAFT_LANGUAGES: readonly DraftLanguage[] = ['nl', 'de', 'en', 'fr', 'it', 'es', 'da', 'sv'];
