import { describe, expect, it } from 'vitest';
import { formatBytes, percent } from './format';

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
});

describe('percent', () => {
  it('clamps and rounds', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 3)).toBe(100);
    expect(percent(1, 0)).toBe(0);
  });
});
