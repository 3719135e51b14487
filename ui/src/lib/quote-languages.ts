// The languages offered for a quote in the evidence details: those most spoken by families seeking
// sanctuary in UK schools, then English and Welsh. Each is named in its own writing and in the
// window's language (from the browser's own language names), so a coordinator can find it either
// way. The empty value means "detect from the writing" (the core's rule, richtext::lang).
import { languageTag } from './i18n';

/** BCP 47 tags offered, in the order shown. */
export const QUOTE_LANGUAGES = [
  'ar', 'fa', 'prs', 'ps', 'ur', 'ku', 'ti', 'am', 'so', 'uk', 'ru', 'pl', 'ro', 'sq', 'tr', 'pt',
  'es', 'fr', 'zh', 'vi', 'bn', 'pa', 'ta', 'ne', 'my', 'en', 'cy',
];

function nameIn(locale: string, tag: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** "العربية · Arabic": the language's own name, then its name in the window's language when that differs. */
export function languageLabel(tag: string): string {
  const own = nameIn(tag, tag);
  const here = nameIn(languageTag(), tag);
  return own === here ? own : `${own} · ${here}`;
}

/** The tags to offer for a quote whose stored tag is `current`: the list, plus `current` when it is
 * one typed elsewhere (the command line), so the choice shows what is stored. */
export function quoteLanguageOptions(current: string): string[] {
  return current && !QUOTE_LANGUAGES.includes(current) ? [current, ...QUOTE_LANGUAGES] : QUOTE_LANGUAGES;
}
