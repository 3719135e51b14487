// Dates typed and shown day first, whatever the computer's locale.
import { describe, expect, it } from 'vitest';
import { readDate, shortDate, typedDate } from './dates';
import { formatDate, formatMonth } from './format';

describe('readDate', () => {
  it('reads day first in the ways people type it', () => {
    for (const text of ['07/12/2026', '7/12/2026', '7.12.2026', '7-12-2026', ' 7 12 2026 ', '07/12/26', '2026-12-07']) {
      expect(readDate(text), text).toEqual({ kind: 'date', iso: '2026-12-07' });
    }
  });
  it('never reads month first: 12/07/2026 is 12 July', () => {
    expect(readDate('12/07/2026')).toEqual({ kind: 'date', iso: '2026-07-12' });
  });
  it('refuses days that do not exist, keeping the text', () => {
    for (const text of ['31/02/2027', '29/02/2027', '00/01/2026', '32/01/2026', '1/13/2026', '2026-02-30', 'next week', '7/12', '07/12/202']) {
      expect(readDate(text), text).toEqual({ kind: 'invalid', text });
    }
    expect(readDate('29/02/2028')).toEqual({ kind: 'date', iso: '2028-02-29' });
  });
  it('reads nothing typed as no date', () => {
    expect(readDate('   ')).toEqual({ kind: 'empty' });
  });
});

describe('showing dates', () => {
  it('types back day first', () => {
    expect(typedDate('2026-12-07')).toBe('07/12/2026');
    expect(typedDate(null)).toBe('');
    expect(typedDate('soon')).toBe('');
  });
  it('shows short dates day first with month names in English and Welsh', () => {
    expect(shortDate('2026-12-07', 'en')).toBe('7 Dec 2026');
    expect(shortDate('2026-12-07', 'cy')).toBe('7 Rhag 2026');
    expect(shortDate('2027-02-01', 'cy')).toBe('1 Chwef 2027');
    expect(shortDate(null, 'en')).toBe('');
  });
  it('writes long dates out without the engine locale', () => {
    expect(formatDate('2026-12-07', 'en')).toBe('7 December 2026');
    expect(formatDate('2026-07-12', 'cy')).toBe('12 Gorffennaf 2026');
    expect(formatMonth('2027-06', 'en')).toBe('June 2027');
    expect(formatMonth('2027-06', 'cy')).toBe('Mehefin 2027');
  });
});
