// The renewal countdown in the window's language, worded here from the numbers the core sends
// (due date, days and months left), so the Welsh window never shows the core's English sentence.
import type { Renewal } from './contract';
import { formatDate } from './format';
import { t } from './i18n';

export function renewalText(r: Renewal): string {
  const p = { date: formatDate(r.dueOn), days: Math.abs(r.daysLeft), months: r.monthsLeft };
  if (r.overdue) return t('renewal.overdue', p);
  if (r.daysLeft === 0) return t('renewal.today', p);
  if (r.monthsLeft >= 1) return r.monthsLeft === 1 ? t('renewal.monthsOne', p) : t('renewal.months', p);
  return r.daysLeft === 1 ? t('renewal.daysOne', p) : t('renewal.days', p);
}
