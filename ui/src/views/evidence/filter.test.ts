import { describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../../lib/api';
import { applyFilter, emptyFilter, matches, type FilterState } from './filter';

function item(over: Partial<EvidenceItem>): EvidenceItem {
  return {
    id: over.id ?? 'x', kind: 'photo', title: '', caption: '', sha256: null, mime: null, size: null, originalName: '',
    quoteText: '', attribution: '', activityDate: null, addedBy: '', keyStage: '', subject: '', peopleIdentifiable: false,
    consent: 'given', anonymised: false, includeInExport: true, width: null, height: null, pageCount: null, position: 1,
    readingProblem: null, objectsNotShown: 0, hiddenAreas: 0, thumbTag: '', criteria: [], url: '', locationRemoved: false, shareConsent: false, altText: '', lang: '', ...over,
  };
}
const f = (over: Partial<FilterState>): FilterState => ({ ...emptyFilter(), ...over });

const picnic = item({ id: 'p', title: 'Refugee week picnic', originalName: 'IMG 0042.jpg', criteria: ['celebration-events'], activityDate: '2026-06-20', consent: 'given' });
const quote = item({ id: 'q', kind: 'quote', title: "Rwy'n teimlo", quoteText: "Rwy'n teimlo'n ddiogel yma", attribution: 'Pupil, Year 6', criteria: ['learner-voice'], consent: 'not_needed' });
const poster = item({ id: 'd', kind: 'document', title: 'ÉCOLE poster', subject: 'Art', consent: 'missing' });
const all = [picnic, quote, poster];
const ids = (filter: FilterState) => applyFilter(all, filter).map((i) => i.id);

describe('the library filter', () => {
  it('finds text in any of the words, ignoring case, and only whole fields', () => {
    expect(ids(f({ text: 'PICNIC' }))).toEqual(['p']);
    expect(ids(f({ text: 'img 0042' }))).toEqual(['p']);
    expect(ids(f({ text: 'year 6' }))).toEqual(['q']);
    expect(ids(f({ text: 'école' }))).toEqual(['d']);
    expect(ids(f({ text: 'art' }))).toEqual(['d']);
    // A link is found by its address too, as in the core.
    expect(applyFilter([...all, item({ id: 'l', kind: 'link', title: 'Sanctuary blog', url: 'https://example.org/welcome-week' })], f({ text: 'welcome-week' })).map((i) => i.id)).toEqual(['l']);
    // The end of the title and the start of the caption are not one phrase.
    expect(ids(f({ text: 'picnic img' }))).toEqual([]);
  });
  it('matches criterion, kind and consent exactly', () => {
    expect(ids(f({ criterion: 'learner-voice' }))).toEqual(['q']);
    expect(ids(f({ kind: 'quote' }))).toEqual(['q']);
    expect(ids(f({ kind: 'document', consent: 'missing' }))).toEqual(['d']);
    expect(ids(f({ consent: 'given', kind: 'quote' }))).toEqual([]);
  });
  it('keeps dates inclusive and leaves undated items out of any date range', () => {
    expect(ids(f({ from: '2026-06-20' }))).toEqual(['p']);
    expect(ids(f({ to: '2026-06-20' }))).toEqual(['p']);
    expect(ids(f({ from: '2026-06-21' }))).toEqual([]);
    expect(ids(f({ to: '2026-06-19' }))).toEqual([]);
  });
  it('keeps everything, in order, when nothing is chosen', () => {
    expect(applyFilter(all, emptyFilter())).toBe(all);
    expect(matches(poster, emptyFilter())).toBe(true);
  });
  it('gives the same answer for every prefix typed, whatever came before', () => {
    // A quick typist's keystrokes: each result depends only on the text at that moment.
    const many = Array.from({ length: 1000 }, (_, i) => item({ id: String(i), title: `IMG ${String(i).padStart(4, '0')}` }));
    const typed = 'IMG 0042';
    for (let n = 1; n <= typed.length; n++) {
      const got = applyFilter(many, f({ text: typed.slice(0, n) })).map((i) => i.id);
      const want = many.filter((i) => i.title.toLowerCase().includes(typed.slice(0, n).toLowerCase())).map((i) => i.id);
      expect(got).toEqual(want);
    }
    expect(applyFilter(many, f({ text: typed })).map((i) => i.title)).toEqual(['IMG 0042']);
  });
});
