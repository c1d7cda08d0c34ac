import { DRAFT_LANGUAGES, LEXICONS } from './lexicon/lexicons.ts';

/** What a sentence says about consent. */
export type ConsentStatementKind =
  /** Consent is the basis: "op grond van uw toestemming", "mit Ihrer Einwilligung", "toestemming verleend". */
  | 'basis'
  /** Something happens only with consent: "alleen met uw toestemming", "requires your consent". */
  | 'required'
  /** Something happens without consent: "zonder uw voorafgaande toestemming … toegestaan". */
  | 'not-required'
  /** A condition stated negatively: "zonder uw toestemming niet gebruikt om …". */
  | 'condition'
  | 'withdrawal'
  | 'mention';

export interface ConsentStatement {
  kind: ConsentStatementKind;
  /** The consent word as written. */
  text: string;
  start: number;
  end: number;
}

const CONSENT_WORD_RE = /toestemming|einwilligung|consent|consenso|consentimiento|samtykke|samtycke|opt-in/iu;
const WITHDRAW_RE = /intrekken|ingetrokken|herroep|widerruf|withdraw|revoke|retirer|révoquer|revocare|revocar|retirar|tilbagekalde|återkalla/iu;
const WITHOUT_RE =
  /zonder (?:uw |je |jouw |de |voorafgaande |uitdrukkelijke )*toestemming|ohne (?:Ihre |deine |vorherige |ausdrückliche )*einwilligung|without (?:your |prior |explicit )*consent/iu;
const NEGATION_RE = /\b(?:niet|geen|nicht|kein\w*|not|never|nooit|nie)\b/iu;
const BASIS_RE =
  /(?:op (?:grond|basis) van|in combinatie met|met|na|on the basis of|based on|with|auf (?:der )?grundlage|aufgrund|mit|nach)\s+(?:uw|je|jouw|ihrer|deiner|your)\s+(?:vrijwillig gegeven |uitdrukkelijke |ausdrücklichen |explicit |prior |vorherigen )?(?:toestemming|einwilligung|consent)|(?:toestemming|einwilligung|consent)\s+(?:\w+\s+){0,2}(?:gegeven|verleend|erteilt|given|granted)|(?:rechtsgrondslag|rechtsgrundlage|legal basis|wettelijke basis)\b[^.]{0,80}(?:toestemming|einwilligung|consent)|\((?:toestemming|einwilligung|consent)\)|(?:you|u|Sie) (?:have )?(?:consent|given your consent|toestemming (?:hebt|heeft) gegeven|eingewilligt)/iu;
const REQUIRED_RE =
  /(?:alleen|uitsluitend|enkel|nur|only|solely)\s+(?:\p{L}+\s+){0,2}(?:met|mit|with|if you|als u|wenn Sie)\s+(?:\w+\s+)?(?:toestemming|einwilligung|consent)|(?:vereist|verplicht|erfordert|requires?|need)\s+(?:\w+\s+){0,3}(?:toestemming|einwilligung|consent)|(?:toestemming|einwilligung|consent)\s+(?:\w+\s+){0,3}(?:vereist|erforderlich|required|nodig)/iu;
const ALLOWED_RE = /toegestaan|mogelijk|geplaatst|zulässig|erlaubt|gesetzt|permitted|allowed|set/iu;

/**
 * Classifies each sentence that mentions consent, in a fixed order: withdrawal, then
 * "without consent" (negated → condition, else not-required), then required, then basis.
 */
export function extractConsentStatement(text: string): ConsentStatement | null {
  const word = CONSENT_WORD_RE.exec(text);
  if (!word) return null;
  const at = (m: RegExpExecArray | null, kind: ConsentStatementKind): ConsentStatement =>
    m ? { kind, text: m[0], start: m.index, end: m.index + m[0].length } : { kind, text: word[0], start: word.index, end: word.index + word[0].length };
  if (WITHDRAW_RE.test(text)) return at(null, 'withdrawal');
  // Stated outright ("No consent required", "Einwilligung erforderlich", "Opt-in"): the negative first,
  // since "No consent required" also holds the words "consent required".
  for (const lang of DRAFT_LANGUAGES) {
    const not = LEXICONS[lang].consentNotRequired.exec(text);
    if (not) return at(not, 'not-required');
  }
  for (const lang of DRAFT_LANGUAGES) {
    const required = LEXICONS[lang].consentRequired.exec(text);
    if (required) return at(required, 'required');
  }
  const without = WITHOUT_RE.exec(text);
  if (without) {
    const rest = text.slice(without.index + without[0].length);
    if (NEGATION_RE.test(rest.slice(0, 40)) || NEGATION_RE.test(text.slice(Math.max(0, without.index - 30), without.index))) return at(without, 'condition');
    if (ALLOWED_RE.test(text)) return at(without, 'not-required');
    return at(without, 'condition');
  }
  // "only with your consent" before "with your consent": the restriction is the statement.
  const required = REQUIRED_RE.exec(text);
  if (required) return at(required, 'required');
  const basis = BASIS_RE.exec(text);
  if (basis) return at(basis, 'basis');
  return at(null, 'mention');
}
