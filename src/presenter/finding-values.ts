import type { AbsenceMessage, ActorRef, FindingMessage, LifetimeLimitRef } from '../core/audit/finding-message';
import type { DeclarationLimitRef } from '../core/policy/compare-sources';
import type { MessageValues } from './translator';

/** The words a message's values are built from; the presenter provides them per language. */
export interface Words {
  t(key: string, values?: MessageValues): string;
  country(code: string | null): string;
  lifetime(days: number | null): string;
  consentCategory(category: string): string;
  vendorCategory(category: string | null): string;
  list(items: readonly string[]): string;
}

type Values = Record<string, string | number>;

/** "Google Analytics (Google LLC, United States)", or "an unknown company at x.example". */
export function actorText(actor: ActorRef, w: Words): string {
  if (actor.kind === 'unknown') return w.t('actor.unknown', { name: actor.name });
  if (actor.kind === 'shop') return w.t('actor.shop');
  if (!actor.legalEntity || actor.legalEntity === actor.name) return w.t('actor.vendor', { name: actor.name });
  if (!actor.country) return w.t('actor.vendorWithEntity', { name: actor.name, entity: actor.legalEntity });
  return w.t('actor.vendorWithEntityCountry', { name: actor.name, entity: actor.legalEntity, country: w.country(actor.country) });
}

function actorValues(actor: ActorRef, w: Words): Values {
  return { name: actor.name, who: actorText(actor, w) };
}

function flag(value: boolean): string {
  return value ? 'true' : 'false';
}

function lifetimeLimitText(limit: LifetimeLimitRef, w: Words): string {
  switch (limit.kind) {
    case 'promise': {
      const text = w.t(`limit.promise.${limit.scope}`, { ref: limit.scope === 'category' && limit.ref ? w.consentCategory(limit.ref) : (limit.ref ?? '') });
      return limit.asWritten ? w.t('limit.asWritten', { limit: text, asWritten: limit.asWritten }) : text;
    }
    case 'claim':
      return w.t('limit.claim', { processor: limit.processor });
    case 'category':
      return w.t('limit.category', { category: limit.category });
  }
}

function declarationLimitText(limit: DeclarationLimitRef, w: Words): string {
  switch (limit.kind) {
    case 'text-claim':
      return w.t('limit.textClaim');
    case 'promise': {
      const scope = limit.scope as Extract<LifetimeLimitRef, { kind: 'promise' }>['scope'];
      return lifetimeLimitText({ kind: 'promise', scope, ref: limit.ref, asWritten: limit.asWritten }, w);
    }
    case 'category':
      return w.t('limit.category', { category: limit.category });
  }
}

/**
 * The values a finding message's catalogue entries use. Typed parameters become words
 * here (countries as names, durations with plurals, categories translated); ICU selects
 * receive 'true' / 'false'. One case per code: a new code fails to compile until it has one.
 */
export function findingValues(m: FindingMessage, w: Words): Values {
  switch (m.code) {
    case 'undeclared-third-party.unknown':
      return actorValues(m.params.actor, w);
    case 'undeclared-third-party.vendor':
      return { ...actorValues(m.params.actor, w), purpose: w.vendorCategory(m.params.actor.category) };
    case 'undeclared-cookie':
      return { ...actorValues(m.params.actor, w), storage: w.t(`storageKind.${m.params.storage}`), item: m.params.name, processor: m.params.processor };
    case 'cookie-lifetime-exceeded':
      return {
        ...actorValues(m.params.actor, w),
        cookie: m.params.cookie,
        lifetime: w.lifetime(m.params.lifetimeDays),
        allowed: w.lifetime(m.params.maxDays),
        attempt: flag(m.params.attempt),
        setBy: m.params.setByHost ?? '',
        limit: lifetimeLimitText(m.params.limit, w),
      };
    case 'cookie-lifetime-exceeded.national-recommendation':
      return {
        ...actorValues(m.params.actor, w),
        cookie: m.params.cookie,
        lifetime: w.lifetime(m.params.lifetimeDays),
        allowed: w.lifetime(m.params.maxDays),
        category: w.consentCategory(m.params.category),
        authority: m.params.authority,
      };
    case 'tracking-before-consent':
    case 'tracking-after-refusal':
      return { ...actorValues(m.params.actor, w), category: w.consentCategory(m.params.category) };
    case 'tracking-before-consent.plain-load':
    case 'tracking-after-refusal.plain-load':
      return { ...actorValues(m.params.actor, w), category: w.consentCategory(m.params.category), count: m.params.requests };
    case 'third-party-cookie-in-first-party-category':
      return {
        ...actorValues(m.params.actor, w),
        cookie: m.params.cookie,
        domain: m.params.domain,
        categoryId: m.params.categoryId ? w.consentCategory(m.params.categoryId) : '',
        hasCategory: flag(m.params.categoryId !== null),
        attempt: flag(m.params.attempt),
        tension: m.params.tension ?? '',
        hasTension: flag(m.params.tension !== null),
      };
    case 'no-cookies-promise.cookie':
      return {
        ...actorValues(m.params.actor, w),
        service: m.params.service,
        cookie: m.params.cookie,
        domain: m.params.domain,
        attempt: flag(m.params.attempt),
      };
    case 'no-cookies-promise.storage':
      return {
        service: m.params.service,
        key: m.params.key,
        area: m.params.area,
        allowed: m.params.allowed ? w.list(m.params.allowed) : '',
        hasAllowed: flag(m.params.allowed !== null),
      };
    case 'undeclared-third-country-transfer':
    case 'third-country-transfer.unchecked':
      return { ...actorValues(m.params.actor, w), country: w.country(m.params.country), adequate: flag(m.params.adequate) };
    case 'ip-anonymisation-missing':
    case 'consent-tool-mismatch.no-consent-mode':
    case 'consent-tool-mismatch.no-tc-string':
      return {};
    case 'consent-record-mismatch.granted-after-refusal':
      return {
        action: m.params.action,
        tool: m.params.tool,
        record: m.params.record,
        categories: w.list(m.params.categories.map((c) => w.consentCategory(c))),
      };
    case 'consent-record-mismatch.refusal-not-stored':
      return { action: m.params.action, tools: w.list(m.params.tools) };
    case 'google-consent-overclaimed':
      return {
        ...actorValues(m.params.actor, w),
        categories: w.list(m.params.categories.map((c) => w.consentCategory(c))),
        afterRefusal: flag(m.params.afterRefusal),
        signal: m.params.signal,
      };
    case 'consent-record-mismatch.acceptance-not-stored':
      return { tools: w.list(m.params.tools) };
    case 'consent-record-retention':
      return {
        cookie: m.params.cookie,
        tool: m.params.tool,
        lifetime: w.lifetime(m.params.lifetimeDays),
        allowed: w.lifetime(m.params.maxDays),
        period: m.params.period ?? '',
        hasPeriod: flag(m.params.period !== null),
      };
    case 'refusal-harder-than-accepting':
      return {
        tool: m.params.tool ?? '',
        hasTool: flag(m.params.tool !== null),
        accept: m.params.acceptButtons,
        settings: m.params.settingsButtons,
      };
    case 'consent-tool-mismatch.other-tool':
      return { declared: m.params.declared, seen: w.list(m.params.seen) };
    case 'consent-tool-mismatch.not-found':
      return { declared: m.params.declared };
    case 'policy-declaration-mismatch.processor-only-in-text':
    case 'policy-declaration-mismatch.processor-only-in-declaration':
      return { processor: m.params.processor };
    case 'policy-declaration-mismatch.lifetime':
      return {
        cookie: m.params.cookie,
        textLifetime: w.lifetime(m.params.textDays),
        declaredLifetime: w.lifetime(m.params.declaredDays),
        limit: declarationLimitText(m.params.limit, w),
      };
    case 'policy-declaration-mismatch.category':
      return {
        cookie: m.params.cookie,
        textCategory: w.consentCategory(m.params.textCategory),
        declaredCategory: w.consentCategory(m.params.declaredCategory),
        processor: m.params.processor ?? '',
        hasProcessor: flag(m.params.processor !== null),
      };
    case 'policy-declaration-mismatch.first-party':
      return { cookie: m.params.cookie, category: m.params.category, declaredFor: m.params.declaredFor ?? w.t('actor.aThirdParty') };
    case 'declared-not-observed':
      return { processor: m.params.processor };
    case 'no-policy-model':
      return { site: m.params.site, link: m.params.policyLink ?? '', hasLink: flag(m.params.policyLink !== null) };
    case 'legacy':
      return { title: m.params.title, explanation: m.params.explanation };
  }
}

export function absenceValues(a: AbsenceMessage, w: Words): Values {
  switch (a.code) {
    case 'no-processor-named':
      return { policyTitle: a.params.policyTitle, organisation: a.params.organisation };
    case 'no-transfer-declared':
      return { country: w.country(a.params.country), organisation: a.params.organisation };
    case 'no-consent-rule':
      return { category: w.consentCategory(a.params.category) };
    case 'no-policy-eprivacy':
    case 'no-model-installed':
      return {};
    case 'legacy':
      return { text: a.params.text };
  }
}
