// Dates as a UK reader types and reads them, whatever the computer's locale: typed day first
// ("07/12/2026", "7/12/26", "7.12.2026", or ISO "2026-12-07"), stored as ISO, shown as "7 Dec 2026" /
// "7 Rhag 2026". Not for: long dates in sentences (format.ts's formatDate says "7 December 2026").
import type { Lang } from './i18n';

const EN_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Welsh short month names as Welsh calendars and the Welsh Government's style guide write them.
const CY_SHORT = ['Ion', 'Chwef', 'Maw', 'Ebr', 'Mai', 'Meh', 'Gorff', 'Awst', 'Medi', 'Hyd', 'Tach', 'Rhag'];

/** What reading a typed date gave: nothing typed, a date (ISO), or text that is not a date. */
export type DateReading = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'invalid'; text: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** True when day/month/year name a real day (31 February does not). */
function real(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * Reads a typed date, day first: "07/12/2026", "7/12/2026", "7-12-2026", "7.12.2026", "7 12 2026",
 * a two-digit year ("7/12/26" is 2026), or ISO "2026-12-07". Anything else, and impossible days
 * ("31/02/2027"), are `invalid` with the text as typed.
 */
export function readDate(text: string): DateReading {
  const s = text.trim();
  if (!s) return { kind: 'empty' };
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const uk = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2}|\d{4})$/.exec(s);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (uk) {
    [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
    if (uk[3].length === 2) y += 2000;
  } else {
    return { kind: 'invalid', text };
  }
  if (!real(y, m, d)) return { kind: 'invalid', text };
  return { kind: 'date', iso: `${y}-${pad(m)}-${pad(d)}` };
}

/** An ISO date as it is typed back into a date field: "07/12/2026"; "" for none or unreadable. */
export function typedDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** An ISO date shown short, day first: "7 Dec 2026" / "7 Rhag 2026"; "" for none, the text when unreadable. */
export function shortDate(iso: string | null | undefined, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const month = Number(m[2]);
  if (month < 1 || month > 12) return iso ?? '';
  const names = lang === 'cy' ? CY_SHORT : EN_SHORT;
  return `${Number(m[3])} ${names[month - 1]} ${m[1]}`;
}
