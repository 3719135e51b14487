import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatMonth, percent } from './format';
import { setLanguage } from './i18n';

afterEach(() => setLanguage('en'));

describe('formatBytes', () => {
  it('uses the unit a person expects', () => {
    expect(formatBytes(12)).toBe('12 bytes');
    expect(formatBytes(820 * 1024)).toBe('820 KB');
    expect(formatBytes(1.45 * 1024 * 1024)).toBe('1.4 MB');
  });
  it('shows nothing for nonsense', () => {
    expect(formatBytes(-1)).toBe('');
    expect(formatBytes(Number.NaN)).toBe('');
  });
  it('speaks Welsh when Welsh is chosen', () => {
    setLanguage('cy');
    expect(formatBytes(12)).toBe('12 beit');
  });
});

describe('percent', () => {
  it('clamps and rounds', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 3)).toBe(100);
    expect(percent(1, 0)).toBe(0);
  });
});

describe('formatDate', () => {
  it('writes the month in the chosen language', () => {
    expect(formatDate('2026-11-23', 'en')).toBe('23 November 2026');
    expect(formatDate('2026-11-23', 'cy')).toBe('23 Tachwedd 2026');
    expect(formatDate('2027-02-01', 'cy')).toBe('1 Chwefror 2027');
  });
  it('follows the current language when none is given', () => {
    setLanguage('cy');
    expect(formatDate('2026-07-04')).toBe('4 Gorffennaf 2026');
  });
  it('leaves empty and unreadable values alone', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('soon')).toBe('soon');
  });
  it('adds the time of day', () => {
    expect(formatDateTime('2026-11-23T14:05:00', 'cy')).toBe('23 Tachwedd 2026, 14:05');
  });
});

describe('formatMonth', () => {
  it('names the month in the chosen language', () => {
    expect(formatMonth('2027-06', 'en')).toBe('June 2027');
    expect(formatMonth('2027-06', 'cy')).toBe('Mehefin 2027');
    expect(formatMonth('2026-12', 'cy')).toBe('Rhagfyr 2026');
  });
  it('leaves anything else as it is', () => {
    expect(formatMonth('', 'en')).toBe('');
    expect(formatMonth('2027-13', 'cy')).toBe('2027-13');
  });
});
