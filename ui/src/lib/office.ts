// Words for Word, PowerPoint and OpenDocument files the portfolio cannot show as reading copies:
// the core stores a code (office::Problem), the window says what to do in the chosen language.
import { t } from './i18n';

/** What to do about a document whose contents the panel will not see, for its problem code. */
export function unreadableAdvice(code: string): string {
  switch (code) {
    case 'encrypted':
      return t('evidence.unreadable.encrypted');
    case 'legacy':
      return t('evidence.unreadable.legacy');
    case 'spreadsheet':
      return t('evidence.unreadable.spreadsheet');
    case 'too_large':
      return t('evidence.unreadable.too_large');
    default:
      return t('evidence.unreadable.damaged');
  }
}
