// The library screen's filter state as the window holds it (empty strings mean "any"), and how it
// becomes the backend's EvidenceFilter.
import type { EvidenceFilter } from '../../lib/api';

/** What the search box and the filter menus hold; an empty string means "any". */
export interface FilterState { text: string; criterion: string; kind: string; consent: string; from: string; to: string }

/** A filter that keeps everything. */
export const emptyFilter = (): FilterState => ({ text: '', criterion: '', kind: '', consent: '', from: '', to: '' });

/** The backend's form of the same filter (null for "any"). */
export function toBackend(f: FilterState): EvidenceFilter {
  return { text: f.text, criterion: f.criterion || null, kind: f.kind || null, consent: f.consent || null, from: f.from || null, to: f.to || null };
}
