import { describe, expect, it } from 'vitest';
import { hostOf, looksLikeAddress } from './link';

describe('the web link form', () => {
  it('takes the title from the website name', () => {
    expect(hostOf('https://www.brookfield.sch.uk/pledge?x=1')).toBe('www.brookfield.sch.uk');
    expect(hostOf('  www.school.org/news ')).toBe('www.school.org');
    expect(hostOf('HTTP://Example.ORG')).toBe('example.org');
  });
  it('gives no title for what is not a web address', () => {
    expect(hostOf('')).toBe('');
    expect(hostOf('javascript:alert(1)')).toBe('');
    expect(hostOf('ftp://files.school.org/a.pdf')).toBe('');
  });
  it('recognises a pasted address', () => {
    expect(looksLikeAddress('https://a.org/b')).toBe(true);
    expect(looksLikeAddress('www.a.org')).toBe(true);
    expect(looksLikeAddress('a note about the page')).toBe(false);
  });
});
