import type { AbsenceMessage, EvidenceNote } from '../core/audit/finding-message';
import type { AuditWarning, EvidenceItem, Finding, ScenarioAction, ScenarioPart, Severity, UncheckableClaim, Verdict } from '../core/audit/report-types';
import { isoUtc } from '../core/report/format-time';
import type { ConsentCategory, ConsentSnapshot } from '../core/consent/consent-state';
import type { FrameRef, Party } from '../core/observation';
import { absenceValues, findingValues, type Words } from './finding-values';
import type { Language } from './languages';
import { createTranslator, type MessageValues } from './translator';

const OPTIONAL_CATEGORIES: readonly ConsentCategory[] = ['preferences', 'statistics', 'marketing'];

/** One evidence item in words: what happened, to what, where (URL) and in which frame. */
export interface EvidenceWords {
  what: string;
  subject: string;
  where: string;
  frame: string;
  /** Lifetime, flags and notes, when the item has any. */
  details: string;
}

/**
 * Renders report data in one language. The popup, the options page, the HTML report,
 * SARIF, JUnit and the CLI all word findings through this, so a finding reads the same
 * everywhere. Page- and policy-controlled strings pass through as values: callers escape
 * for their medium (HTML, XML), never the presenter.
 */
export interface Presenter extends Words {
  readonly lang: Language;
  findingTitle(f: Pick<Finding, 'message'>): string;
  findingExplanation(f: Pick<Finding, 'message'>): string;
  absence(a: AbsenceMessage): string;
  verdict(v: Verdict): string;
  warning(w: AuditWarning): string;
  consent(c: ConsentSnapshot): string;
  severity(s: Severity): string;
  party(p: Party): string;
  frame(f: FrameRef | null): string;
  evidence(e: EvidenceItem): EvidenceWords;
  note(n: EvidenceNote): string;
  uncheckable(u: UncheckableClaim): string;
  /** How an attribution was made (`basis` codes of the attributor and actor sources). */
  basis(code: string | null): string;
  ruleDescription(ruleId: string): string;
  /** Which parts of a consent scenario a finding was seen in ("the visit in which the choice was made and after the reload"). */
  parts(parts: readonly ScenarioPart[]): string;
  /** The visitor's consent actions in a scenario, each with its ISO 8601 UTC time. */
  actions(actions: readonly ScenarioAction[]): string;
  /** A list joined as the language joins lists ("a, b and c"). */
  list(items: readonly string[]): string;
  /** A number as the language writes it. */
  number(n: number): string;
}

export function createPresenter(lang: Language): Presenter {
  const translator = createTranslator(lang);
  const t = (key: string, values?: MessageValues): string => translator.t(key, values);
  const regions = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  const lists = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  const numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });

  const country = (code: string | null): string => {
    if (!code || code === 'ZZ') return t('country.unknown');
    try {
      return regions.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const lifetime = (days: number | null): string => (days === null ? t('lifetime_session') : t('lifetime_days', [roundDays(days)]));
  const consentCategory = (c: string): string => (c === 'necessary' || OPTIONAL_CATEGORIES.includes(c as ConsentCategory) ? t(`consentCategory_${c}`) : c);
  const vendorCategory = (c: string | null): string => (c && translator.has(`vendorCategory.${c}`) ? t(`vendorCategory.${c}`) : t('vendorCategory.unknown'));
  const list = (items: readonly string[]): string => lists.format(items);

  const words: Words = { t, country, lifetime, consentCategory, vendorCategory, list: (items) => list(items) };

  const frame = (f: FrameRef | null): string => {
    if (!f) return '';
    return f.kind === 'top' ? t('frame_top') : t('frame_sub', [String(f.frameId)]);
  };
  const party = (p: Party): string => t(p === 'first' ? 'party_first' : 'party_third');
  const note = (n: EvidenceNote): string => t(`note.${n.code}`, n.params);
  // What only the CLI's DevTools client saw says so: the extension alone would not show it.
  const withSource = (details: string, source: 'devtools' | undefined): string =>
    source === 'devtools' ? [details, t('evidence.seenByDevtools')].filter(Boolean).join('; ') : details;

  return {
    lang,
    ...words,
    findingTitle: (f) => t(`finding.${f.message.code}.title`, findingValues(f.message, words)),
    findingExplanation: (f) => t(`finding.${f.message.code}.explanation`, findingValues(f.message, words)),
    absence: (a) => t(`absence.${a.code}`, absenceValues(a, words)),
    verdict(v) {
      if (v.code !== 'discrepancies') return t(`verdict.${v.code}`, 'params' in v ? (v.params as Record<string, string>) : undefined);
      const { brokenPromises, undeclaredCompanies } = v.params;
      return t('verdict.discrepancies', { brokenPromises, undeclaredCompanies, both: String(brokenPromises > 0 && undeclaredCompanies > 0) });
    },
    warning(w) {
      switch (w.code) {
        case 'observations-overflowed':
          return t('warning.observations-overflowed', {
            overflow: list(
              w.params.overflow.map(({ kind, count }) =>
                translator.has(`overflow.${kind}`) ? t(`overflow.${kind}`, { count }) : t('overflow.other', { kind, count }),
              ),
            ),
          });
        case 'rule-failed':
          return t('warning.rule-failed', {
            ruleId: w.params.ruleId,
            rule: translator.has(`rule.${w.params.ruleId}`) ? t(`rule.${w.params.ruleId}`) : w.params.ruleId,
          });
        case 'third-party-cookies-blocked':
        case 'cookies-refused-for-size':
        case 'other-blocker-active':
        case 'preexisting-cookies':
          return t(`warning.${w.code}`, { count: w.params.count });
        case 'page-messages-missing':
          return t('warning.page-messages-missing', { ...w.params, kind: t(`messageKind.${w.params.source}`) });
        case 'page-never-quiet':
          return t('warning.page-never-quiet', { seconds: w.params.seconds });
        default:
          return t(`warning.${w.code}`, 'params' in w ? (w.params as Record<string, string>) : undefined);
      }
    },
    consent(c) {
      const granted = OPTIONAL_CATEGORIES.filter((k) => c.granted[k]).map((k) => consentCategory(k));
      switch (c.status) {
        case 'no-choice':
          return t('consent_noChoice');
        case 'refused':
          return t('consent_refused');
        case 'accepted':
          return granted.length ? t('consent_accepted', [list(granted)]) : t('consent_acceptedAll');
        case 'partial':
          return granted.length ? t('consent_partial', [list(granted)]) : t('consent_refused');
      }
    },
    severity: (s) => t(`severity_${s}`),
    party,
    frame,
    note,
    evidence(e) {
      switch (e.type) {
        case 'request':
          return {
            what: t('evidence_request', [e.resourceType]),
            subject: e.host,
            where: e.url,
            frame: frame(e.frame),
            details: withSource(e.note ? note(e.note) : '', e.source),
          };
        case 'cookie':
        case 'cookie-attempt': {
          const what =
            e.type === 'cookie'
              ? t('evidence_cookie', [e.domain])
              : e.stored === false
                ? t('evidence_cookieAttemptBlocked', [e.domain])
                : t('evidence_cookieAttempt', [e.domain]);
          const flags = `${e.httpOnly ? ', HttpOnly' : ''}${e.secure ? ', Secure' : ''}`;
          return {
            what,
            subject: e.name,
            where: e.setBy ?? '',
            frame: frame(e.frame),
            details: withSource(t('evidence.cookieDetails', { party: party(e.party), lifetime: lifetime(e.lifetimeDays), flags }), e.source),
          };
        }
        case 'storage-key':
          return { what: t('evidence_storage', [e.area]), subject: e.key, where: e.origin, frame: frame(e.frame), details: withSource('', e.source) };
        case 'consent':
          return {
            what: t('evidence_consent', [translator.has(`consentSource.${e.source}`) ? t(`consentSource.${e.source}`) : e.source]),
            subject: e.detail ?? '',
            where: '',
            frame: '',
            details: '',
          };
      }
    },
    uncheckable(u) {
      const text = uncheckableText(u, words);
      return u.notCheckedByThisVersion ? t('uncheckable.notCheckedByThisVersion', { text }) : text;
    },
    basis: (code) => (code && translator.has(`basis.${code}`) ? t(`basis.${code}`) : (code ?? '')),
    parts: (parts) => list(parts.map((part) => t(`part.${part}`))),
    actions: (actions) =>
      actions.length === 0
        ? t('report.noActions')
        : list(
            actions.map((a) => {
              const done = t(`action.${a.action}`, { time: isoUtc(a.at) });
              return a.ok ? done : t('action.failed', { action: done });
            }),
          ),
    ruleDescription: (ruleId) => (translator.has(`rule.${ruleId}`) ? t(`rule.${ruleId}`) : ruleId),
    list,
    number: (n) => numbers.format(n),
  };
}

/** Lifetimes as people say them: whole days from ten on, two decimals below. */
function roundDays(days: number): number {
  return days >= 10 ? Math.round(days) : Math.round(days * 100) / 100;
}

function uncheckableText(u: UncheckableClaim, w: Words): string {
  const m = u.message;
  switch (m.code) {
    case 'retention':
      return w.t('uncheckable.retention', { subject: m.params.subject, period: m.params.period ?? '', hasPeriod: String(m.params.period !== null) });
    case 'data-subject-right':
      return w.t('uncheckable.data-subject-right', m.params);
    case 'no-sale-of-data':
      return w.t('uncheckable.no-sale-of-data');
    case 'other':
      return w.t('uncheckable.other', m.params);
    case 'third-country-transfer':
      return w.t('uncheckable.third-country-transfer', {
        processor: m.params.processor,
        countries: m.params.countries.length ? w.list(m.params.countries.map((c) => w.country(c))) : w.country(null),
        safeguard: w.t(`safeguard.${m.params.safeguard}`),
      });
    case 'promise':
      return w.t(`promiseKind.${m.params.kind}`);
    case 'legacy':
      return m.params.text;
  }
}
