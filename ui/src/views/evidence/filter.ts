// The library screen's filter: what the search box and menus hold, and the test an item must pass.
// The window keeps one list of the whole library (one list_evidence call) and filters it here on
// every keystroke, so a result can never be overtaken by an older one. The rules are those of the
// core's `evidence::Filter::matches` (src/evidence/mod.rs); filter.test.ts checks the same cases.
import type { EvidenceItem } from '../../lib/api';

/** What the search box and the filter menus hold; an empty string means "any". */
export interface FilterState { text: string; criterion: string; kind: string; consent: string; from: string; to: string }

/** A filter that keeps everything. */
export const emptyFilter = (): FilterState => ({ text: '', criterion: '', kind: '', consent: '', from: '', to: '' });

// The words a search looks in, lowercased once per item rather than once per keystroke. NUL
// separates the fields, so a search never matches across two of them (it cannot be typed).
const haystacks = new WeakMap<EvidenceItem, string>();
function haystack(it: EvidenceItem): string {
  let h = haystacks.get(it);
  if (h === undefined) {
    h = [it.title, it.caption, it.quoteText, it.attribution, it.originalName, it.subject, it.url ?? ''].join('\u0000').toLowerCase();
    haystacks.set(it, h);
  }
  return h;
}

/**
 * Whether `it` passes `f`: the text anywhere in its words (ignoring case), and every other field
 * that is set equal; dates are inclusive and an undated item fails any date bound.
 */
export function matches(it: EvidenceItem, f: FilterState): boolean {
  const text = f.text.toLowerCase();
  if (text && !haystack(it).includes(text)) return false;
  if (f.criterion && !it.criteria.includes(f.criterion)) return false;
  if (f.kind && it.kind !== f.kind) return false;
  if (f.consent && it.consent !== f.consent) return false;
  // YYYY-MM-DD strings compare in date order.
  if (f.from && !(it.activityDate && it.activityDate >= f.from)) return false;
  if (f.to && !(it.activityDate && it.activityDate <= f.to)) return false;
  return true;
}

/** The items of `all` that pass `f`, in the same (exhibit) order. */
export function applyFilter(all: EvidenceItem[], f: FilterState): EvidenceItem[] {
  const none = !f.text && !f.criterion && !f.kind && !f.consent && !f.from && !f.to;
  return none ? all : all.filter((it) => matches(it, f));
}
