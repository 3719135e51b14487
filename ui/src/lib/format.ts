// Small formatting rules the screens share, in the chosen language.
import { currentLanguage, t, type Lang } from './i18n';

/** "1.4 MB", "820 KB", "12 bytes": sizes as a teacher reads them. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1024) return t('format.bytes', { n });
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Whole percent of done/total, clamped to 0..100; 0 when the total is unknown. */
export function percent(done: number, total: number): number {
  if (!total || total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

// Welsh month names are written out here: the window's web engine may be built without Welsh
// locale data, and a portfolio date must not fall back to English in the middle of Welsh text.
// English ones too: toLocaleDateString follows whatever locale data the engine was built with, and
// a UK reader must never meet "12/07/2026" for 7 December.
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WELSH_MONTHS = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];

/** Reads "2026-11-23" (or a full ISO time) as a date; null for anything else. */
function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "23 November 2026" / "23 Tachwedd 2026"; empty for no date, the text itself when unreadable. */
export function formatDate(iso: string | null | undefined, lang: Lang = currentLanguage()): string {
  const d = parse(iso);
  if (!d) return iso ?? '';
  const months = lang === 'cy' ? WELSH_MONTHS : ENGLISH_MONTHS;
  return `${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()}`;
}

/** A month from its "2027-06" key: "June 2027" / "Mehefin 2027"; the key itself when unreadable. */
export function formatMonth(key: string, lang: Lang = currentLanguage()): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) return key;
  return `${(lang === 'cy' ? WELSH_MONTHS : ENGLISH_MONTHS)[month - 1]} ${m[1]}`;
}

/** A date with its time of day: "23 November 2026, 14:05" / "23 Tachwedd 2026, 14:05". */
export function formatDateTime(iso: string | null | undefined, lang: Lang = currentLanguage()): string {
  const d = parse(iso);
  if (!d) return iso ?? '';
  return `${formatDate(iso, lang)}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
