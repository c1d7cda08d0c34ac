import { SEVERITIES } from '../core/audit/report-types';
import type { EvidenceItem, Finding, Severity } from '../core/audit/report-types';
import type { ConsentCategory, ConsentSnapshot } from '../core/consent/consent-state';
import type { FrameRef } from '../core/observation';
import type { Translate } from './i18n';

const OPTIONAL_CATEGORIES: readonly ConsentCategory[] = ['preferences', 'statistics', 'marketing'];

export interface SeverityGroup {
  severity: Severity;
  findings: Finding[];
}

/** Violations grouped by severity (most severe first, empty groups dropped), and notices apart. */
export function groupFindings(findings: readonly Finding[]): { violations: SeverityGroup[]; notices: Finding[] } {
  const violations = SEVERITIES.map((severity) => ({
    severity,
    findings: findings.filter((f) => f.kind === 'violation' && f.severity === severity),
  })).filter((g) => g.findings.length > 0);
  return { violations, notices: findings.filter((f) => f.kind === 'notice') };
}

/** The consent state in the UI language, naming the granted categories. */
export function consentText(consent: ConsentSnapshot, t: Translate): string {
  const granted = OPTIONAL_CATEGORIES.filter((c) => consent.granted[c]).map((c) => t(`consentCategory_${c}`));
  switch (consent.status) {
    case 'no-choice':
      return t('consent_noChoice');
    case 'refused':
      return t('consent_refused');
    case 'accepted':
      return granted.length ? t('consent_accepted', [granted.join(', ')]) : t('consent_acceptedAll');
    case 'partial':
      return granted.length ? t('consent_partial', [granted.join(', ')]) : t('consent_refused');
  }
}

export function severityText(severity: Severity, t: Translate): string {
  return t(`severity_${severity}`);
}

export function lifetimeText(days: number | null, session: boolean, t: Translate): string {
  if (session || days === null) return t('lifetime_session');
  return t('lifetime_days', [Number.isInteger(days) ? String(days) : days.toFixed(1)]);
}

export function frameText(frame: FrameRef | null, t: Translate): string {
  if (!frame) return '';
  return frame.kind === 'top' ? t('frame_top') : t('frame_sub', [String(frame.frameId)]);
}

/** One evidence item described for the popup: what happened and where (URL / frame). */
export function evidenceText(e: EvidenceItem, t: Translate): { what: string; subject: string; where: string; frame: string } {
  switch (e.type) {
    case 'request':
      return { what: t('evidence_request', [e.resourceType]), subject: e.host, where: e.url, frame: frameText(e.frame, t) };
    case 'cookie':
      return { what: t('evidence_cookie', [e.domain]), subject: e.name, where: e.setBy ?? '', frame: frameText(e.frame, t) };
    case 'cookie-attempt':
      return {
        what: e.stored === false ? t('evidence_cookieAttemptBlocked', [e.domain]) : t('evidence_cookieAttempt', [e.domain]),
        subject: e.name,
        where: e.setBy ?? '',
        frame: frameText(e.frame, t),
      };
    case 'storage-key':
      return { what: t('evidence_storage', [e.area]), subject: e.key, where: e.origin, frame: frameText(e.frame, t) };
    case 'consent':
      return { what: t('evidence_consent', [e.source]), subject: e.detail ?? '', where: '', frame: '' };
  }
}

/** A file name from page data: only safe characters survive. */
export function exportFileName(host: string, createdAt: number, extension: 'json' | 'html'): string {
  const safeHost = host.toLowerCase().replace(/[^a-z0-9.-]+/g, '_').slice(0, 80) || 'page';
  const stamp = new Date(createdAt).toISOString().replace(/[:.]/g, '-');
  return `policylens-${safeHost}-${stamp}.${extension}`;
}

/**
 * A warning in the UI language when its code has a message; otherwise the engine's English
 * text, so a new warning code is never hidden.
 */
export function warningText(warning: { code: string; message: string }, t: Translate): string {
  const key = `warning_${warning.code.replace(/-/g, '_')}`;
  const text = t(key);
  return text === key ? warning.message : text;
}
