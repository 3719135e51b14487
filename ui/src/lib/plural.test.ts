// Counts worded in the singular and plural, in English and Welsh.
import { describe, expect, it } from 'vitest';
import { pluralOf, setLanguage, t, tn } from './i18n';

describe('tn', () => {
  it('says one page and two pages, one action and two actions', () => {
    setLanguage('en');
    expect(tn('evidence.pages', 1)).toBe('1 page');
    expect(tn('evidence.pages', 2)).toBe('2 pages');
    expect(tn('backup.actions', 1)).toBe('1 action');
    expect(tn('backup.actions', 2)).toBe('2 actions');
    expect(tn('backup.files', 1)).toBe('1 evidence file');
    expect(tn('backup.files', 6)).toBe('6 evidence files');
    expect(t('backup.restored', { name: 'X', files: tn('backup.files', 6) })).toBe('Restored X (6 evidence files).');
    expect(tn('hide.suggested', 1)).toMatch(/^1 face suggested/);
  });
  it('uses the Welsh forms, the singular noun after a number', () => {
    setLanguage('cy');
    expect(tn('evidence.pages', 1)).toBe('1 dudalen');
    expect(tn('evidence.pages', 3)).toBe('3 tudalen');
    expect(tn('backup.files', 1)).toBe('1 ffeil dystiolaeth');
    expect(tn('backup.files', 3)).toBe('3 ffeil dystiolaeth');
    setLanguage('en');
  });
  it('knows the Welsh plural forms', () => {
    expect([0, 1, 2, 3, 6, 7].map((n) => pluralOf(n, 'cy'))).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect([0, 1, 2].map((n) => pluralOf(n, 'en'))).toEqual(['other', 'one', 'other']);
  });
});
