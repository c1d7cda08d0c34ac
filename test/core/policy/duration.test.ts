import { describe, expect, it } from 'vitest';
import { calendarSpan, nominalDays, parseDuration, readDays } from '../../../src/core/policy/duration.ts';
import { allowedLifetimeDays, declaredExceeds, exceedsLifetime, sameLifetime } from '../../../src/core/audit/tolerance.ts';
import { patternsOverlap } from '../../../src/core/policy/name-patterns.ts';

describe('the duration model', () => {
  it('knows how long calendar months and years can be', () => {
    expect(calendarSpan(1, 'month')).toEqual({ minDays: 28, maxDays: 31 });
    expect(calendarSpan(13, 'month')).toEqual({ minDays: 393, maxDays: 397 });
    expect(calendarSpan(12, 'month')).toEqual({ minDays: 365, maxDays: 366 });
    expect(calendarSpan(2, 'year')).toEqual({ minDays: 730, maxDays: 731 });
    expect(calendarSpan(3, 'week')).toEqual({ minDays: 21, maxDays: 21 });
  });

  it('stores months and years as their nominal days, the same everywhere', () => {
    expect(nominalDays(13, 'month')).toBe(396);
    expect(nominalDays(6, 'month')).toBe(183);
    expect(nominalDays(2, 'year')).toBe(731);
    expect(nominalDays(22, 'year')).toBe(8036);
    expect(nominalDays(1, 'hour')).toBeCloseTo(1 / 24, 6);
  });

  it.each([
    ['Session', { kind: 'session', days: 0, minDays: 0, maxDays: 0 }],
    ['13 maanden', { kind: 'span', days: 396, minDays: 393, maxDays: 397 }],
    ['1–2 years', { kind: 'span', days: 731, minDays: 365, maxDays: 731 }],
    ['1 - 2 Jahre', { kind: 'span', days: 731, minDays: 365, maxDays: 731 }],
    ['400', { kind: 'span', days: 400, minDays: 400, maxDays: 400 }],
    ['13 mois', { kind: 'span', days: 396, minDays: 393, maxDays: 397 }],
    ['1 år', { kind: 'span', days: 365, minDays: 365, maxDays: 366 }],
  ])('parses %j', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each(['Persistent', '', 'bis zum Widerruf', '2–1 years', '3 blorps'])('gives null for %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('reads a stored day count as the calendar span it may stand for, and other counts exactly', () => {
    expect(readDays(396)).toEqual({ minDays: 393, maxDays: 397 });
    expect(readDays(730)).toEqual({ minDays: 730, maxDays: 731 });
    expect(readDays(731)).toEqual({ minDays: 730, maxDays: 731 });
    expect(readDays(90)).toEqual({ minDays: 90, maxDays: 90 });
    expect(readDays(30)).toEqual({ minDays: 30, maxDays: 30 });
    expect(readDays(1000)).toEqual({ minDays: 1000, maxDays: 1000 });
    expect(readDays(0)).toEqual({ minDays: 0, maxDays: 0 });
  });
});

describe('the one lifetime tolerance', () => {
  it('lets a cookie live as long as the calendar allows the declared limit, plus an hour', () => {
    expect(allowedLifetimeDays(396)).toBeCloseTo(397 + 1 / 24, 9);
    expect(exceedsLifetime(396, 396)).toBe(false);
    expect(exceedsLifetime(397, 396)).toBe(false);
    expect(exceedsLifetime(398, 396)).toBe(true);
    expect(exceedsLifetime(731, 730)).toBe(false);
    expect(exceedsLifetime(90.5, 90)).toBe(true);
    expect(exceedsLifetime(90 + 1 / 48, 90)).toBe(false);
  });

  it('compares two declared lifetimes on a calendar', () => {
    expect(sameLifetime(396, 396)).toBe(true);
    expect(sameLifetime(730, 731)).toBe(true);
    expect(sameLifetime(390, 396)).toBe(false);
    expect(sameLifetime(0, 0)).toBe(true);
    expect(declaredExceeds(731, 730)).toBe(false);
    expect(declaredExceeds(400, 396)).toBe(true);
  });
});

describe('patternsOverlap', () => {
  it.each([
    ['^_ga_\\d+$', '^_ga_.+$', true],
    ['^_ga_.+$', '^_ga_.+$', true],
    ['_ga_\\d+', '^_ga_.+$', true],
    ['^_pk_id\\..+$', '^_pk_ses\\..+$', false],
    ['^_hj(Session|Id)_\\d+$', '^_hjSession_.+$', true],
    ['^_hjid$', '^_hjSession_.+$', false],
    ['^(?:a|b)[0-9]{2,3}$', '^b12$', true],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(patternsOverlap(a, b)).toBe(expected);
    expect(patternsOverlap(b, a)).toBe(expected);
  });
});
