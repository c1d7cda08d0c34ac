import da from './catalogues/da.json';
import de from './catalogues/de.json';
import en from './catalogues/en.json';
import es from './catalogues/es.json';
import fr from './catalogues/fr.json';
import it from './catalogues/it.json';
import nl from './catalogues/nl.json';
import sv from './catalogues/sv.json';
import type { Language } from './languages';

/** A catalogue: message key → ICU MessageFormat message. */
export type Catalogue = Readonly<Record<string, string>>;

/** Every language's messages, bundled: the popup must answer at once, without loading. */
export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, nl, de, fr, it, es, da, sv };
