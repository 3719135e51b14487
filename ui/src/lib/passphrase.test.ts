import { describe, expect, it } from 'vitest';
import { strength, usable } from './passphrase';

describe('passphrase strength hint', () => {
  it('grows with length and variety', () => {
    expect(strength('')).toBe('empty');
    expect(strength('abc')).toBe('tooShort');
    expect(strength('        ')).toBe('tooShort');
    expect(strength('aaaaaaaaaaaaaaaaaaaa')).toBe('weak');
    expect(strength('sunshine')).toBe('weak');
    expect(strength('Sunshine42')).toBe('fair');
    expect(strength('correct horse battery staple')).toBe('strong');
    expect(strength('cennin pedr a chwarae')).toBe('strong');
  });
  it('counts characters, not bytes', () => {
    expect(strength('ŵŷâêîôû')).toBe('tooShort');
  });
  it('needs the same passphrase twice', () => {
    expect(usable('correct horse battery', 'correct horse battery')).toBe(true);
    expect(usable('correct horse battery', 'correct horse batter')).toBe(false);
    expect(usable('short', 'short')).toBe(false);
  });
});
