import { describe, expect, it } from 'vitest';
import { consentRecordMismatch } from '../../../src/core/audit/rules/consent-record-mismatch';
import { consentToolMismatch } from '../../../src/core/audit/rules/consent-tool-mismatch';
import type { ConsentObservation } from '../../../src/core/consent/consent-state';
import { consentRecordNote, readConsentRecord } from '../../../src/core/consent/records/record-adapters';
import type { PolicyModel } from '../../../src/core/policy/schema';
import { check, connox, run, T0, visit, clicked } from './build-visit';
import { title } from './words';

const GROUPS = {
  all: 'C0001%3A1%2CC0002%3A1%2CC0003%3A1%2CC0004%3A1',
  none: 'C0001%3A1%2CC0002%3A0%2CC0003%3A0%2CC0004%3A0',
  stats: 'C0001%3A1%2CC0002%3A1%2CC0003%3A0%2CC0004%3A0',
};

/** OneTrust's OptanonConsent as the adapter reads it, at T0 + at. */
function onetrust(groups: keyof typeof GROUPS, at: number, carried = false): ConsentObservation {
  const reading = readConsentRecord({ store: 'cookie', name: 'OptanonConsent', value: `interactionCount=1&groups=${GROUPS[groups]}`, at: T0 + at, carried });
  if (reading?.kind !== 'choice') throw new Error('fixture does not read');
  return reading.observation;
}

const withConsent = (...observations: ConsentObservation[]) => {
  const v = visit();
  for (const o of observations) v.consent(o);
  return v;
};

describe('rule consent-record-mismatch', () => {
  it('flags consent recorded that the visitor did not give: marketing granted after "reject all" is critical', () => {
    const findings = check(consentRecordMismatch, withConsent(clicked('refuse', 100), onetrust('all', 150)));
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({
      ruleId: 'consent-record-mismatch',
      severity: 'critical',
      kind: 'violation',
      message: {
        code: 'consent-record-mismatch.granted-after-refusal',
        params: { action: 'refuse', tool: 'onetrust', record: 'OptanonConsent', categories: ['preferences', 'statistics', 'marketing'] },
      },
    });
    expect(f.evidence[0]).toMatchObject({ type: 'consent', source: 'visitor-action', at: T0 + 100, detail: 'refuse' });
    expect(f.evidence[1]).toMatchObject({
      type: 'consent',
      source: 'consent-record',
      tool: 'onetrust',
      at: T0 + 150,
      detail: 'OptanonConsent grants: preferences,statistics,marketing',
    });
    expect(JSON.stringify(f)).not.toContain('interactionCount=1&groups');
    expect(title(f)).toContain('did not give');
  });

  it('rates statistics alone granted after a refusal high, not critical', () => {
    const [f] = check(consentRecordMismatch, withConsent(clicked('refuse', 100), onetrust('stats', 150)));
    expect(f).toMatchObject({ severity: 'high', message: { params: { categories: ['statistics'] } } });
  });

  it('flags a withdrawal the tool never stores: the carried record still grants', () => {
    const findings = check(consentRecordMismatch, withConsent(onetrust('all', 0, true), clicked('withdraw', 300)));
    expect(findings.map((f) => f.message)).toEqual([
      { code: 'consent-record-mismatch.refusal-not-stored', params: { action: 'withdraw', tools: ['onetrust'] } },
    ]);
    expect(findings[0]).toMatchObject({ severity: 'high' });
    expect(findings[0]!.evidence.map((e) => e.type === 'consent' && e.source)).toEqual(['consent-record', 'visitor-action']);
  });

  it('flags a refusal the tool never stores when its record held no choice (a OneTrust banner never answered)', () => {
    const v = withConsent(clicked('refuse', 100));
    const record = { store: 'cookie' as const, name: 'OptanonConsent', value: `interactionCount=0&groups=${GROUPS.all}`, at: T0, carried: false };
    const reading = readConsentRecord(record);
    if (!reading || reading.kind === 'choice') throw new Error('expected no-choice');
    v.recorder.recordConsentRecordNote(consentRecordNote(record, reading));
    expect(check(consentRecordMismatch, v).map((f) => [f.message.code, f.severity])).toEqual([['consent-record-mismatch.refusal-not-stored', 'medium']]);
  });

  it('is silent when the tool stores the refusal', () => {
    expect(check(consentRecordMismatch, withConsent(onetrust('all', 0, true), clicked('withdraw', 300), onetrust('none', 320)))).toEqual([]);
    expect(check(consentRecordMismatch, withConsent(clicked('refuse', 100), onetrust('none', 120)))).toEqual([]);
  });

  it('notes an acceptance the tool never stored, as a low notice', () => {
    const [f] = check(consentRecordMismatch, withConsent(onetrust('none', 0, true), clicked('accept', 100)));
    expect(f).toMatchObject({
      severity: 'low',
      kind: 'notice',
      message: { code: 'consent-record-mismatch.acceptance-not-stored', params: { tools: ['onetrust'] } },
    });
    expect(check(consentRecordMismatch, withConsent(clicked('accept', 100), onetrust('all', 130)))).toEqual([]);
  });

  it('counts a record the tool wrote during the consent automation call, before the refusal was stamped at its return', () => {
    const refusal = { ...clicked('refuse', 500), calledAt: T0 + 100 };
    expect(check(consentRecordMismatch, withConsent(refusal, onetrust('none', 300)))).toEqual([]);
    // Without the call's start, a record written before the stamp does not answer it.
    const stampOnly = check(consentRecordMismatch, withConsent(clicked('refuse', 500), onetrust('none', 300)));
    expect(stampOnly.map((f) => f.message.code)).toEqual(['consent-record-mismatch.refusal-not-stored']);
  });

  it('judges each action against the records up to the next one (accept, then withdraw never stored)', () => {
    const findings = check(consentRecordMismatch, withConsent(clicked('accept', 100), onetrust('all', 120), clicked('withdraw', 500)));
    expect(findings.map((f) => f.message.code)).toEqual(['consent-record-mismatch.refusal-not-stored']);
  });

  it('says nothing without a visitor action, or for a tool whose records PolicyLens does not read', () => {
    expect(check(consentRecordMismatch, withConsent(onetrust('all', 100)))).toEqual([]);
    expect(check(consentRecordMismatch, withConsent(clicked('refuse', 100)))).toEqual([]);
  });
});

describe('warning consent-record-unreadable', () => {
  it('is in the report once per tool and record, naming the record, never its value', () => {
    const v = visit();
    const record = { store: 'localStorage' as const, name: 'uc_settings', value: '{"services":"SECRET"}', at: T0 + 5, carried: true };
    const reading = readConsentRecord(record);
    if (!reading || reading.kind === 'choice') throw new Error('expected unreadable');
    v.recorder.recordConsentRecordNote(consentRecordNote(record, reading));
    v.recorder.recordConsentRecordNote(consentRecordNote({ ...record, at: T0 + 9 }, reading));
    const report = run(v.request('https://www.connox.nl/app.js'));
    expect(report.warnings.filter((w) => w.code === 'consent-record-unreadable')).toEqual([
      { code: 'consent-record-unreadable', params: { tool: 'usercentrics', record: 'uc_settings' } },
    ]);
    expect(JSON.stringify(report)).not.toContain('SECRET');
  });
});

describe('declared IAB TCF mechanism (consent-tool-mismatch)', () => {
  function tcfModel(): PolicyModel {
    const model = structuredClone(connox());
    model.promises = model.promises.map((p) => (p.kind === 'consent-mechanism' ? { ...p, mechanism: 'iab-tcf' as const } : p));
    if (!model.promises.some((p) => p.kind === 'consent-mechanism')) throw new Error('connox declares no consent mechanism');
    return model;
  }
  const tcfFindings = (v: ReturnType<typeof visit>) => check(consentToolMismatch, v, { policy: tcfModel() }).filter((f) => f.subject.label === 'IAB TCF');

  it('reports a choice after which no TC string was stored', () => {
    const findings = tcfFindings(withConsent(onetrust('none', 100)));
    expect(findings.map((f) => f.message.code)).toEqual(['consent-tool-mismatch.no-tc-string']);
    expect(findings[0]!.evidence[0]).toMatchObject({ type: 'consent', source: 'consent-record', at: T0 + 100 });
  });

  it('accepts a stored TC string, and checks nothing before the visitor answered', () => {
    const tcf: ConsentObservation = {
      ...onetrust('none', 100),
      tool: 'iab-tcf',
      record: { store: 'cookie', name: 'euconsent-v2' },
      tcf: { cmpId: 28, purposes: [], vendors: [] },
    };
    expect(tcfFindings(withConsent(onetrust('none', 100), tcf))).toEqual([]);
    expect(tcfFindings(visit().request('https://www.connox.nl/app.js'))).toEqual([]);
  });
});
