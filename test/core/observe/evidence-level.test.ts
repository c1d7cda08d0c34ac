import { describe, expect, it } from 'vitest';
import { auditedTabsStateSchema, evidenceAfterRequest, evidenceOfVisit, type VisitEvidenceInput } from '../../../src/core/observe/evidence-level';

const AT = 1_700_000_000_000;
const visit = (over: Partial<VisitEvidenceInput>): VisitEvidenceInput => ({
  everywhere: false,
  browserGivesHeaders: false,
  requested: false,
  siteHasModel: false,
  listenerWasLive: false,
  startedAt: AT,
  ...over,
});

describe('evidenceOfVisit', () => {
  it('gives a site without a model and no request stored cookies only', () => {
    expect(evidenceOfVisit(visit({}))).toEqual({ level: 'stored-cookies', reason: null });
    // A listener left from the tab's previous (audited) page does not make this one audited.
    expect(evidenceOfVisit(visit({ listenerWasLive: true }))).toEqual({ level: 'stored-cookies', reason: null });
  });

  it('audits a site with a model: from its start when the tab already had the listener, else after its document', () => {
    expect(evidenceOfVisit(visit({ siteHasModel: true, listenerWasLive: true }))).toEqual({ level: 'full', reason: 'model' });
    expect(evidenceOfVisit(visit({ siteHasModel: true }))).toEqual({ level: 'partial', reason: 'model', since: AT });
  });

  it('names the user’s request before the model, and every-tab mode and Firefox before both', () => {
    expect(evidenceOfVisit(visit({ siteHasModel: true, requested: true, listenerWasLive: true }))).toEqual({ level: 'full', reason: 'requested' });
    expect(evidenceOfVisit(visit({ everywhere: true }))).toEqual({ level: 'full', reason: 'everywhere' });
    expect(evidenceOfVisit(visit({ browserGivesHeaders: true, requested: true }))).toEqual({ level: 'full', reason: 'browser' });
  });
});

describe('evidenceAfterRequest', () => {
  it('reads headers from the request on in a tab that had none', () => {
    expect(evidenceAfterRequest(undefined, AT)).toEqual({ level: 'partial', reason: 'requested', since: AT });
    expect(evidenceAfterRequest({ level: 'stored-cookies', reason: null }, AT)).toEqual({ level: 'partial', reason: 'requested', since: AT });
  });

  it('keeps what an audited visit already had', () => {
    expect(evidenceAfterRequest({ level: 'full', reason: 'model' }, AT + 5)).toEqual({ level: 'full', reason: 'model' });
    expect(evidenceAfterRequest({ level: 'partial', reason: 'model', since: AT }, AT + 5)).toEqual({ level: 'partial', reason: 'model', since: AT });
  });
});

describe('auditedTabsStateSchema', () => {
  it('takes the stored state back and refuses a tampered one', () => {
    const state = { everywhere: false, requested: [3], listening: [3, 7], evidence: { '3': { level: 'full', reason: 'requested' } } };
    expect(auditedTabsStateSchema.parse(state)).toEqual(state);
    expect(auditedTabsStateSchema.safeParse({ ...state, evidence: { '3': { level: 'everything', reason: null } } }).success).toBe(false);
    expect(auditedTabsStateSchema.safeParse({ ...state, listening: ['3'] }).success).toBe(false);
  });
});
