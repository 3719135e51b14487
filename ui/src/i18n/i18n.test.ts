/// <reference types="vite/client" />
// Guards the translation: both languages hold the same keys with the same placeholders, every key
// the code asks for exists and every key is asked for, and no English is left hard-coded in markup.
import { describe, expect, it } from 'vitest';
import en from './en.json';
import cy from './cy.json';
import { adoptSavedLanguage, currentLanguage, pickLanguage, setLanguage, t, vocabulary } from '../lib/i18n';
import { ERROR_CODES } from '../lib/contract';

const enTable = en as Record<string, string>;
const cyTable = cy as Record<string, string>;

// Every .svelte and .ts source file under src as text (Vite reads them), tests excluded.
const files = import.meta.glob<string>(['../**/*.svelte', '../**/*.ts', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const sources = () => Object.keys(files);
const name = (file: string) => file.replace(/^\.\.\//, '');

// The award's words (filled from the framework by `vocabulary()`) may take different forms in each
// language ("the college" is {the_org} in Welsh, whose article depends on the noun); the values a
// caller passes must match.
const awardWords = new Set(Object.keys(vocabulary()));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => !awardWords.has(p)).sort();

describe('the Welsh table', () => {
  it('has exactly the English keys', () => {
    expect(Object.keys(cyTable).sort()).toEqual(Object.keys(enTable).sort());
  });
  it('has no empty text', () => {
    const empty = Object.entries(cyTable).filter(([, v]) => !v.trim()).map(([k]) => k);
    expect(empty).toEqual([]);
  });
  it('keeps every placeholder of the English text', () => {
    const lost = Object.keys(enTable).filter((k) => placeholders(enTable[k]).join() !== placeholders(cyTable[k] ?? '').join());
    expect(lost).toEqual([]);
  });
});

describe('keys in the code', () => {
  // t('key') or t("key"), at the start of an expression (not part of a longer name such as `split`).
  const uses = new Map<string, string[]>();
  for (const file of sources()) {
    for (const m of files[file].matchAll(/(?<![\w.$])t\(\s*(['"])([^'"]+)\1/g)) {
      uses.set(m[2], [...(uses.get(m[2]) ?? []), name(file)]);
    }
  }

  // tn('key', n): a count's text, asked for as `key.<plural form>`; `key.other` must exist.
  const counted = new Map<string, string[]>();
  for (const file of sources()) {
    for (const m of files[file].matchAll(/(?<![\w.$])tn\(\s*(['"])([^'"]+)\1/g)) {
      counted.set(m[2], [...(counted.get(m[2]) ?? []), name(file)]);
    }
  }
  for (const [key, where] of counted) {
    for (const k of Object.keys(enTable).filter((k) => k.startsWith(`${key}.`))) uses.set(k, where);
    if (!uses.has(`${key}.other`)) uses.set(`${key}.other`, where);
  }

  it('finds the uses at all', () => {
    expect(uses.size).toBeGreaterThan(100);
  });
  it('only asks for keys that exist', () => {
    const missing = [...uses.entries()].filter(([k]) => !(k in enTable)).map(([k, files]) => `${k} (${files.join(', ')})`);
    expect(missing).toEqual([]);
  });
  it('uses every key (no dead texts for the translator)', () => {
    // Errors are worded by their code (api.ts: `error.<code>`), which the generated contract lists.
    const errorKeys = new Set(ERROR_CODES.map((c) => `error.${c}`));
    const dead = Object.keys(enTable).filter((k) => !uses.has(k) && !errorKeys.has(k));
    expect(dead).toEqual([]);
  });
});

// Text that may stay as it is in markup: the product's name and symbols with no language.
const ALLOWED = new Set(['Sanctuary', 'Portfolio']);

/** Removes `{…}` expressions, counting nested braces, so only literal markup remains. */
function withoutExpressions(markup: string): string {
  let out = '';
  let depth = 0;
  for (const ch of markup) {
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

describe('markup', () => {
  const svelteFiles = sources().filter((f) => f.endsWith('.svelte'));

  it('has no English text left between tags', () => {
    const found: string[] = [];
    for (const file of svelteFiles) {
      const markup = files[file].replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '');
      const text = withoutExpressions(markup).replace(/<[^>]*>/g, '\n');
      for (const piece of text.split('\n').map((s) => s.trim())) {
        if (/[A-Za-z]/.test(piece) && !ALLOWED.has(piece)) found.push(`${name(file)}: ${piece}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('has no English in visible attributes', () => {
    const found: string[] = [];
    for (const file of svelteFiles) {
      const markup = files[file].replace(/<script[\s\S]*?<\/script>/g, '');
      for (const m of markup.matchAll(/\s(placeholder|aria-label|title|alt)="([^"{]*[A-Za-z][^"]*)"/g)) {
        found.push(`${name(file)}: ${m[1]}="${m[2]}"`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('t', () => {
  it('fills placeholders and follows the language', () => {
    setLanguage('en');
    expect(t('readiness.valueOf', { value: 2, total: 3 })).toBe('2 of 3');
    setLanguage('cy');
    expect(t('readiness.valueOf', { value: 2, total: 3 })).toBe('2 o 3');
    expect(t('nav.school')).toBe('Ysgol');
    setLanguage('en');
  });
  it('shows an unknown key rather than nothing', () => {
    expect(t('no.such.key')).toBe('no.such.key');
  });
});

describe("the award's words", () => {
  const college = {
    name: 'Colleges of Sanctuary', award: 'College of Sanctuary', organisation: 'college', organisationCy: 'coleg',
    learners: 'students', learnersCy: 'myfyrwyr', head: 'principal',
    strands: [{ name: 'Learn', nameCy: 'Dysgu' }, { name: 'Act' }, { name: 'Share', nameCy: 'Rhannu' }],
  };
  it('come from the framework in use, in either language', async () => {
    const { useAwardWords } = await import('../lib/i18n');
    const { awardWords } = await import('../lib/i18n-state.svelte');
    const schools = awardWords.current;
    try {
      useAwardWords(college);
      setLanguage('en');
      expect(t('nav.school')).toBe('College');
      expect(t('school.about')).toBe('About the college');
      expect(t('portfolio.anonymityNote')).toBe('Add a note on the cover that students are not named');
      expect(vocabulary().strands).toBe('Learn, Act and Share');
      setLanguage('cy');
      expect(t('school.about')).toBe('Am y coleg');
      expect(vocabulary().learners).toBe('myfyrwyr');
      expect(vocabulary().strands).toBe('Dysgu, Act a Rhannu');
      // No text anywhere is left with one of the words unfilled.
      for (const lang of ['en', 'cy'] as const) {
        setLanguage(lang);
        for (const key of Object.keys(enTable)) expect(t(key)).not.toMatch(/\{(org|Org|the_org|learners|Learners|head|Head|award|programme|strands)\}/);
      }
      // A feminine noun mutates after the article; the framework writes that form out.
      useAwardWords({ ...college, organisationCy: 'prifysgol', theOrganisationCy: 'y brifysgol' });
      expect(t('school.about')).toBe('Am y brifysgol');
      useAwardWords({ ...college, organisationCy: 'prifysgol' });
      expect(t('school.about')).toBe('Am y prifysgol');
      useAwardWords(schools);
      setLanguage('cy');
      expect(t('school.about')).toBe('Am yr ysgol');
    } finally {
      useAwardWords(schools);
      setLanguage('en');
    }
  });
});

describe('the saved language at start', () => {
  it('is applied when the coordinator has not picked one', async () => {
    setLanguage('en');
    await adoptSavedLanguage(async () => 'cy');
    expect(currentLanguage()).toBe('cy');
    setLanguage('en');
  });
  it('does not undo a pick made while it was being read', async () => {
    // The race CI met: Welsh picked just after the window opened, then the data folder's older
    // answer ("en") arrived and switched the window back to English.
    setLanguage('en');
    let answer: (v: string) => void = () => {};
    const reading = adoptSavedLanguage(() => new Promise<string>((resolve) => (answer = resolve)));
    pickLanguage('cy');
    answer('en');
    await reading;
    expect(currentLanguage()).toBe('cy');
    setLanguage('en');
  });
});
