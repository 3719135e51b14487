// Interface text in English or Welsh. Every visible string goes through `t(key)`, whose texts
// live in ../i18n/en.json and cy.json so a translator can edit them without touching code.
import en from '../i18n/en.json';
import cy from '../i18n/cy.json';
import { awardWords, language, STORAGE_KEY, type AwardWords, type Lang } from './i18n-state.svelte';

export type { Lang };
export type Params = Record<string, string | number>;

const tables: Record<Lang, Record<string, string>> = { en, cy };

/** The choices of the language switch, each named in its own language. */
export const languages: { value: Lang; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'cy', label: 'Cymraeg' },
];

/** The current language (reactive when read while rendering). */
export function currentLanguage(): Lang {
  return language.current;
}

/** The BCP 47 tag for `lang`, for `<html lang>` and date formatting. */
export function languageTag(lang: Lang = language.current): string {
  return lang === 'cy' ? 'cy' : 'en-GB';
}

/** Replaces each `{name}` in `text` with its value; unknown names stay visible, which shows the slip. */
export function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The text for `key` in the current language. A key missing from Welsh falls back to English and
 * one missing from both shows the key itself (the i18n test stops either from being released).
 */
export function t(key: string, params?: Params): string {
  const text = tables[language.current][key] ?? tables.en[key] ?? key;
  return fill(text, { ...vocabulary(), ...params });
}

/** The plural form of `n` in `lang`, by CLDR's rules (written out: the engine may lack Welsh data). */
export function pluralOf(n: number, lang: Lang = language.current): 'zero' | 'one' | 'two' | 'few' | 'many' | 'other' {
  if (lang === 'cy') {
    return ({ 0: 'zero', 1: 'one', 2: 'two', 3: 'few', 6: 'many' } as const)[n] ?? 'other';
  }
  return n === 1 ? 'one' : 'other';
}

/**
 * The text for a count: `key.<form>` for `count`'s plural form ("1 page", "2 pages"; Welsh has six
 * forms), falling back to `key.other`. `count` is also a placeholder.
 */
export function tn(key: string, count: number, params?: Params): string {
  const form = `${key}.${pluralOf(count)}`;
  const known = tables[language.current][form] ?? tables.en[form];
  return t(known === undefined ? `${key}.other` : form, { count, ...params });
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Items joined as a sentence would, in the current language ("Learn, Embed and Share"). */
export function listOf(items: string[]): string {
  if (items.length < 2) return items.join('');
  const last = items[items.length - 1];
  // Welsh says "ac" before a vowel.
  const and = language.current === 'cy' ? (/^[aeiouwyâêîôûŵŷ]/i.test(last) ? 'ac' : 'a') : 'and';
  return `${items.slice(0, -1).join(', ')} ${and} ${last}`;
}

/**
 * The award's own words for the placeholders every text may use: {programme}, {award}, {org}/{Org},
 * {the_org}, {learners}/{Learners}, {head}/{Head} and {strands}, so that nothing on screen assumes a
 * school. They come from the framework the school works to (the same rules as the Rust side's
 * `i18n::Vocabulary`).
 */
export function vocabulary(): Params {
  const w = awardWords.current;
  const org = pick(w.organisationCy, w.organisation);
  const learners = pick(w.learnersCy, w.learners);
  const head = pick(w.headCy, w.head);
  // Welsh "the": "yr" before a vowel or h, "y" otherwise, unless the framework writes it out because
  // the noun mutates after the article ("y brifysgol").
  const theOrg =
    language.current !== 'cy' ? `the ${org}` : w.theOrganisationCy?.trim() || `${/^[aeiouwyh]/i.test(org) ? 'yr' : 'y'} ${org}`;
  return {
    programme: pick(w.nameCy, w.name),
    award: pick(w.awardCy, w.award),
    org, Org: upperFirst(org), the_org: theOrg,
    learners, Learners: upperFirst(learners),
    head, Head: upperFirst(head),
    strands: listOf(w.strands.map((s) => pick(s.nameCy, s.name))),
  };
}

/** Makes the window speak in `words` (a framework's vocabulary) from now on. */
export function useAwardWords(words: AwardWords): void {
  awardWords.current = words;
}

/** Whether the tables have words for `key` (in English at least, which every key must have). */
export function hasText(key: string): boolean {
  return key in tables.en;
}

/** Switches the language everywhere at once, remembers it, and tells assistive tools. */
export function setLanguage(lang: Lang): void {
  language.current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, but still switched for this session.
  }
  applyDocumentLanguage();
}

// How many times the coordinator has picked a language since the window opened. The saved choice is
// read from the data folder after the window appears; a pick made meanwhile must win over it.
let picks = 0;

/** The coordinator's own pick from the language switch. */
export function pickLanguage(lang: Lang): void {
  picks += 1;
  setLanguage(lang);
}

/**
 * Applies the language saved in the data folder, as `read` answers it, unless the coordinator
 * picked one while the answer was on its way (then the pick stays, and is saved by the switch).
 */
export async function adoptSavedLanguage(read: () => Promise<string>): Promise<void> {
  const before = picks;
  const saved = await read();
  if (picks !== before || (saved !== 'en' && saved !== 'cy')) return;
  if (saved !== language.current) setLanguage(saved);
}

/** Sets `<html lang>` to the current language, so screen readers pick the right voice. */
export function applyDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = languageTag();
}

// Names that come from the framework file: its optional Welsh fields (titleCy, …) are used in
// Welsh, falling back to English where the file has none.
interface Named { name?: string; nameCy?: string; title?: string; titleCy?: string; summary?: string; summaryCy?: string }
const pick = (cy: string | undefined, en: string | undefined) => (language.current === 'cy' && cy?.trim() ? cy : en ?? '');

export const nameOf = (x: Named) => pick(x.nameCy, x.name);
export const titleOf = (x: Named) => pick(x.titleCy, x.title);
export const summaryOf = (x: Named) => pick(x.summaryCy, x.summary);

/** The audit level's label from a framework's scale, in Welsh when the framework has one. */
export function levelOf(fw: { levels: string[]; levelsCy?: string[] } | null, level: number, fallback = ''): string {
  if (!fw) return fallback;
  const cy = fw.levelsCy?.length === fw.levels.length ? fw.levelsCy[level] : undefined;
  return pick(cy, fw.levels[level] ?? fallback);
}

/** A framework's wording version, in Welsh when the framework gives one. */
export const wordingOf = (x: { wording: string; wordingCy?: string }) => pick(x.wordingCy, x.wording);
