/// <reference types="vite/client" />
// The words the window and the PDF both say (a column heading, a status, a field's name) live in two
// tables: `src/i18n/*.toml` (the PDF and the CLI, read by Rust) and `ui/src/i18n/*.json` (the
// window). This keeps each pair below equal in English and in Welsh, so that a change of wording in
// one place cannot leave the other saying something else. A new shared word is added here as a pair.
import { describe, expect, it } from 'vitest';
import en from './en.json';
import cy from './cy.json';
import enToml from '../../../src/i18n/en.toml?raw';
import cyToml from '../../../src/i18n/cy.toml?raw';

/** The PDF's table as `section.key` → text (our tables use only sections and one-line strings). */
function pdfTable(toml: string): Record<string, string> {
  const out: Record<string, string> = {};
  let section = '';
  for (const line of toml.split('\n')) {
    const head = line.match(/^\[([\w.]+)\]\s*$/);
    if (head) section = head[1] + '.';
    const entry = line.match(/^(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/);
    if (entry) out[section + entry[1]] = JSON.parse(`"${entry[2]}"`);
  }
  return out;
}

/** (PDF key, window key) pairs that say the same thing. */
const SHARED: [string, string][] = [
  ['column.action', 'plan.action'],
  ['column.audit', 'audit.title'],
  ['column.audit', 'nav.audit'],
  ['column.audit', 'readiness.col.audit'],
  ['column.criteria', 'nav.criteria'],
  ['column.criterion', 'commitments.criterion'],
  ['column.criterion', 'draft.criterion'],
  ['column.criterion', 'evidence.criterion'],
  ['column.criterion', 'plan.criterion'],
  ['column.criterion', 'readiness.col.criterion'],
  ['column.date', 'journey.col.date'],
  ['column.evidence', 'evidence.title'],
  ['column.evidence', 'nav.evidence'],
  ['column.evidence', 'readiness.col.evidence'],
  ['column.evidence', 'readiness.measure.evidence'],
  ['column.note', 'evidence.linkNote'],
  ['column.note', 'journey.col.note'],
  ['column.open_actions', 'readiness.col.openActions'],
  ['column.our_response', 'journey.ourResponse'],
  ['column.owner', 'plan.owner'],
  ['column.question', 'journey.comment.question'],
  ['column.show', 'plan.show'],
  ['column.step', 'journey.col.step'],
  ['column.strand', 'plan.groupStrand'],
  ['commitments.column_criterion', 'commitments.criterion'],
  ['commitments.column_criterion', 'draft.criterion'],
  ['commitments.column_criterion', 'evidence.criterion'],
  ['commitments.column_criterion', 'plan.criterion'],
  ['commitments.column_criterion', 'readiness.col.criterion'],
  ['commitments.column_due', 'commitments.due'],
  ['commitments.column_outcome', 'commitments.whatHappened'],
  ['commitments.column_owner', 'commitments.owner'],
  ['commitments.report_title', 'commitments.reportTitle'],
  ['cover.award', 'criteria.award'],
  ['cover.date', 'journey.col.date'],
  ['cover.framework', 'criteria.fileFilter'],
  ['cover.level', 'school.awardLevel'],
  ['field.address', 'school.address'],
  ['field.coordinator', 'school.coordinator'],
  ['field.headteacher', 'school.headteacher'],
  ['field.local_authority', 'school.localAuthority'],
  ['field.nation', 'school.nation'],
  ['field.phase', 'school.phase'],
  ['field.pledge', 'journey.step.pledge'],
  ['field.school', 'backup.col.school'],
  ['field.school', 'nav.school'],
  ['field.seed_code', 'school.identifier.scotland'],
  ['kind.document', 'evidence.document'],
  ['kind.link', 'evidence.link'],
  ['nation.england', 'school.nation.england'],
  ['nation.ireland', 'school.nation.ireland'],
  ['nation.northern_ireland', 'school.nation.northernIreland'],
  ['nation.scotland', 'school.nation.scotland'],
  ['nation.wales', 'school.nation.wales'],
  ['phase.all_through', 'school.phase.allThrough'],
  ['phase.independent', 'school.phase.independent'],
  ['phase.nursery', 'school.phase.nursery'],
  ['phase.post_primary', 'school.phase.postPrimary'],
  ['phase.primary', 'school.phase.primary'],
  ['phase.secondary', 'school.phase.secondary'],
  ['phase.sixth_form', 'school.phase.sixthForm'],
  ['phase.special', 'school.phase.special'],
  ['round.draft_review', 'journey.kind.draftReview'],
  ['round.further_evidence', 'journey.kind.furtherEvidence'],
  ['round.improvement', 'journey.comment.improvement'],
  ['round.panel_appraisal', 'journey.kind.panelAppraisal'],
  ['round.question', 'journey.comment.question'],
  ['round.strength', 'journey.comment.strength'],
  ['round.visit', 'journey.kind.visit'],
  ['round.visit', 'journey.step.visit'],
  ['section.feedback', 'journey.feedback'],
  ['section.plan', 'nav.plan'],
  ['section.plan', 'plan.title'],
  ['share.links', 'share.links'],
  ['share.pledge_heading', 'share.pledge'],
  ['share.stories', 'share.stories'],
  ['share.words', 'share.words'],
  ['status.done', 'plan.status.done'],
  ['status.dropped', 'plan.status.dropped'],
  ['status.in_progress', 'plan.status.inProgress'],
  ['status.planned', 'plan.status.planned'],
  ['step.action_plan', 'journey.step.actionPlan'],
  ['step.audit', 'journey.step.audit'],
  ['step.awarded', 'journey.step.awarded'],
  ['step.draft_sent', 'journey.step.draftSent'],
  ['step.feedback', 'journey.step.feedback'],
  ['step.final_submitted', 'journey.step.finalSubmitted'],
  ['step.local_lead', 'journey.step.localLead'],
  ['step.panel', 'journey.step.panel'],
  ['step.pledge', 'journey.step.pledge'],
  ['step.renewal_due', 'journey.step.renewalDue'],
  ['step.visit', 'journey.kind.visit'],
  ['step.visit', 'journey.step.visit'],
  ['text.already', 'audit.already'],
  ['text.bytes', 'format.bytes'],
  ['text.criterion_many', 'evidence.importCriteria'],
  ['text.from', 'journey.from'],
  ['text.gaps', 'audit.gaps'],
  ['text.link_address', 'evidence.linkUrl'],
  ['text.link_address', 'rich.address'],
  ['text.our_response', 'journey.ourResponse'],
  ['text.what_they_said', 'evidence.quoteText'],
  ['text.what_they_said', 'journey.whatTheySaid'],
];

describe('words shared by the window and the PDF', () => {
  for (const [lang, pdf, win] of [['en', pdfTable(enToml), en], ['cy', pdfTable(cyToml), cy]] as const) {
    it(`are the same in both tables (${lang})`, () => {
      const window = win as Record<string, string>;
      for (const [p, w] of SHARED) {
        expect(pdf[p], `${p} is in src/i18n/${lang}.toml`).toBeDefined();
        expect(window[w], `${w} is in ${lang}.json`).toBeDefined();
        expect(window[w], `${w} (window) says what ${p} (PDF) says`).toBe(pdf[p]);
      }
    });
  }
  it('reads the PDF table (a test of the reader)', () => {
    expect(pdfTable('[a]\nb = "x \\"y\\""\n[c.d]\ne = "z"\n')).toEqual({ 'a.b': 'x "y"', 'c.d.e': 'z' });
  });
});
