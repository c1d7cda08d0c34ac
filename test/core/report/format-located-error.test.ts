import { describe, expect, it } from 'vitest';
import { formatLocatedError } from '../../../src/core/report/format-located-error.ts';

describe('formatLocatedError', () => {
  it('formats file:line:col path: message, leaving out what is unknown', () => {
    expect(formatLocatedError({ file: 'm.yaml', line: 3, column: 5, path: 'shop.domains[0]', message: 'bad' })).toBe('m.yaml:3:5 shop.domains[0]: bad');
    expect(formatLocatedError({ file: 'm.yaml', line: 3, path: '', message: 'bad' })).toBe('m.yaml:3: bad');
    expect(formatLocatedError({ file: 'm.yaml', path: 'id', message: 'bad' })).toBe('m.yaml id: bad');
  });
});
