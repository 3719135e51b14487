// GENERATED from the Rust types and the #[tauri::command] signatures by src-tauri/src/contract.rs.
// Do not edit: change the Rust, then run `SANCTUARY_UPDATE_CONTRACT=1 cargo test --workspace --features sanctuary-app/custom-protocol -- contract`.
// ui/src/lib/api.ts types its calls with `Commands`; the window words an `ErrorCode` from
// ui/src/i18n/*.json (`error.<code>`) when it has words for it.

import type { Channel } from '@tauri-apps/api/core';

export const ERROR_CODES = [
  'data_dir',
  'database',
  'sql',
  'io',
  'invalid',
  'not_found',
  'framework',
  'refused',
  'pdf',
  'cancelled',
  'passphrase_needed',
  'wrong_passphrase',
  'draft_not_word',
  'draft_unreadable',
  'review_not_supported',
  'review_unreadable',
  'import_file_too_large',
  'review_no_comments',
  'suggestion_no_longer_fits',
  'suggestion_already_settled',
  'export_file_name',
  'export_budget',
  'export_word_part',
  'export_application_file_name',
  'framework_file_too_large',
  'text_too_long',
  'action_empty',
  'action_needs_criterion',
  'evidence_needs_title',
  'quote_empty',
  'consent_value',
  'link_no_address',
  'link_not_web',
  'renewal_no_award_date',
  'renewal_due_not_settable',
  'passphrase_empty',
  'passphrase_required',
  'school_identifier',
  'award_level_unknown',
  'commitment_empty',
  'commitment_due_not_date',
  'commitment_unknown_criterion',
  'commitment_not_carried',
  'data_folder_in_use',
  'data_folder_busy',
  'data_folder_synced',
  'bulk_none_chosen',
  'evidence_unknown_criterion',
  'date_not_valid',
  'draft_unknown_code',
  'share_folder_is_file',
  'share_folder_not_ours',
  'share_url_not_web',
  'evidence_language_tag',
  'already_sealed',
  'audit_level_off_scale',
  'audit_status_unknown',
  'backup_database_damaged',
  'backup_folder_missing',
  'backup_newer',
  'backup_no_database',
  'backup_target_folder',
  'bundle_age_key',
  'bundle_damaged',
  'bundle_too_much_work',
  'contribution_file_taken',
  'criterion_unknown',
  'demo_would_replace',
  'evidence_avif',
  'evidence_cannot_read',
  'evidence_empty',
  'evidence_fault',
  'evidence_no_picture',
  'evidence_none_chosen',
  'evidence_not_a_file',
  'evidence_not_stored',
  'evidence_old_office',
  'evidence_pdf_unreadable',
  'evidence_photo_cut_short',
  'evidence_picture_unreadable',
  'evidence_program',
  'evidence_renamed',
  'evidence_store_failed',
  'evidence_too_large',
  'evidence_undo_added_again',
  'evidence_unsupported',
  'evidence_zip',
  'export_folder_missing',
  'export_no_file',
  'export_part_unknown',
  'export_target_folder',
  'feedback_comment_kind',
  'feedback_round_kind',
  'framework_id_builtin',
  'framework_unknown',
  'journey_step_unknown',
  'language_unknown',
  'link_has_spaces',
  'link_incomplete',
  'link_no_host',
  'link_screenshot_taken',
  'link_too_long',
  'pack_evidence_damaged',
  'passphrase_too_short',
  'plan_status_unknown',
  'redact_area_fractions',
  'redact_area_too_small',
  'redact_not_photo',
  'redact_too_many',
  'renewal_already_started',
  'renewal_no_school',
  'restore_folder_open',
  'restore_running',
  'restore_would_replace_school',
  'restore_would_replace_unreadable',
  'restore_would_replace_work',
  'shell',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Which of a criterion's three written accounts: what we already do, the gaps, or the account
 * (the narrative) the application prints last.
 */
export type AccountField = "already" | "gaps" | "narrative";

/**
 * What the user fills in for a new action (or all fields of an edited one).
 */
export type ActionDraft = { action: string, criteria: Array<string>, owner: string, partners: string, dueDate: string | null, status: ActionStatus, successMeasure: string, notes: string, };

/**
 * A heading and the actions under it.
 */
export type ActionGroup = { 
/**
 * Strand key, or `YYYY-MM`, or "" for actions with no due date.
 */
key: string, label: string, actions: Array<ActionItem>, };

/**
 * One action as stored.
 */
export type ActionItem = { id: string, action: string, 
/**
 * Criterion keys this action serves (at least one).
 */
criteria: Array<string>, owner: string, partners: string, dueDate: string | null, status: ActionStatus, successMeasure: string, notes: string, createdAt: string, updatedAt: string, };

/**
 * Where an action stands.
 */
export type ActionStatus = "planned" | "in_progress" | "done" | "dropped";

/**
 * What the add dialog sends.
 */
export type AddRequest = { paths: Array<string>, criteria: Array<string>, consent: Consent | null, 
/**
 * The caption every added item gets ("" for none).
 */
caption: string, };

/**
 * How long the application section is, against the panel's page limit.
 */
export type ApplicationLength = { pages: number, 
/**
 * `None` when the framework sets no page limit.
 */
limit: number | null, };

/**
 * One criterion's audit answer.
 */
export type AuditEntry = { criterionKey: string, 
/**
 * Index into the framework's `levels` (0 = the lowest, e.g. "Not started").
 */
level: number, 
/**
 * "What we already do".
 */
already: string, gaps: string, reviewedOn: string | null, reviewedBy: string, 
/**
 * None until something has been saved for this criterion.
 */
updatedAt: string | null, };

/**
 * The fields to change; `None` leaves a field as it is.
 */
export type AuditPatch = { level: number | null, already: string | null, gaps: string | null, 
/**
 * `Some(None)` clears the date. In JSON: field absent = keep, `null` = clear, a date = set.
 */
reviewedOn: string | null | null, reviewedBy: string | null, };

/**
 * One criterion's audit with its narrative, for the audit screen.
 */
export type AuditRow = { narrative: string, criterionKey: string, 
/**
 * Index into the framework's `levels` (0 = the lowest, e.g. "Not started").
 */
level: number, 
/**
 * "What we already do".
 */
already: string, gaps: string, reviewedOn: string | null, reviewedBy: string, 
/**
 * None until something has been saved for this criterion.
 */
updatedAt: string | null, };

/**
 * One file in the automatic backups folder, for the "Restore from automatic backup" screen.
 */
export type BackupEntry = { path: string, fileName: string, kind: BackupKind, createdAt: string, schoolName: string, bytes: number, 
/**
 * Set when the file cannot be read as a backup; it is still listed so the user sees it.
 */
problem: string | null, };

/**
 * Why an automatic backup was made: it is named for it (`auto-…`, `before-restore-…`).
 */
export type BackupKind = "auto" | "before_restore";

/**
 * What a backup wrote.
 */
export type BackupReport = { path: string, schoolName: string, 
/**
 * Evidence originals in the file.
 */
files: number, 
/**
 * Size of the backup file.
 */
bytes: number, 
/**
 * Problems found in the data folder (e.g. a missing evidence file); the backup still holds the rest.
 */
warnings: Array<string>, };

/**
 * What a bundle file says about itself, for a confirmation screen; reading it changes nothing.
 */
export type BundleInfo = { kind: BundleKind, schoolName: string, createdAt: string, appVersion: string, schemaVersion: number, files: number, bytes: number, };

/**
 * What a bundle holds.
 */
export type BundleKind = "backup" | "contribution";

/**
 * The user's decision on a conflict.
 */
export type Choice = "keep_mine" | "take_theirs";

/**
 * What a comment says about a criterion.
 */
export type CommentKind = "strength" | "improvement" | "question";

/**
 * One commitment as stored.
 */
export type Commitment = { id: string, what: string, owner: string, due: string | null, 
/**
 * The framework criterion it serves, when one was chosen.
 */
criterionKey: string | null, 
/**
 * The award cycle it was made in.
 */
cycle: number, 
/**
 * The renewal cycle whose report it feeds, once that renewal has started.
 */
carriedInto: number | null, 
/**
 * What happened, written during the renewal.
 */
outcome: string, createdAt: string, updatedAt: string, };

/**
 * What the user fills in for a new commitment (or all fields of an edited one). The date and the
 * criterion arrive as typed ("" for none) so that a wrong one is refused by a rule the window words.
 */
export type CommitmentDraft = { what: string, owner: string, 
/**
 * `YYYY-MM-DD`, or "" for no date.
 */
due: string, 
/**
 * A criterion key of the school's framework, or "" for none.
 */
criterionKey: string, };

/**
 * An undecided conflict, for the screen that asks "keep mine / take theirs".
 */
export type Conflict = { id: string, 
/**
 * `evidence` or `action_item`.
 */
itemKind: string, itemId: string, titleMine: string, titleTheirs: string, contributor: string, 
/**
 * The fields that differ.
 */
differences: Array<Difference>, };

/**
 * Consent for the panel to see the people an item shows.
 */
export type Consent = "given" | "given_hidden" | "not_needed" | "missing";

/**
 * What an export wrote.
 */
export type ContributionExport = { path: string, evidence: number, actions: number, files: number, bytes: number, };

/**
 * What an import did.
 */
export type ContributionImport = { contributor: string, addedEvidence: number, addedActions: number, 
/**
 * Items already here (same UUID and content, or same content hash).
 */
duplicates: number, 
/**
 * Items left for the user to decide.
 */
conflicts: number, };

/**
 * One criterion the school must show it meets.
 */
export type Criterion = { key: string, number: number, strand: string, title: string, summary: string, titleCy?: string, summaryCy?: string, };

/**
 * One criterion's readiness.
 */
export type CriterionReadiness = { 
/**
 * Improvements and questions in open rounds without a response.
 */
openFeedback: number, hasNarrative: boolean, narrativeWords: number, 
/**
 * Nothing missing for this criterion.
 */
ready: boolean, key: string, number: number, strand: string, title: string, level: number, levelLabel: string, 
/**
 * Evidence items tagged with this criterion that are in the portfolio (the export's rule,
 * `evidence::in_portfolio`: an item without consent is not evidence yet).
 */
evidence: number, 
/**
 * Actions serving this criterion that are planned or in progress.
 */
openActions: number, 
/**
 * Open actions whose due date has passed.
 */
overdueActions: number, };

/**
 * One criterion's standing.
 */
export type CriterionStatus = { key: string, number: number, strand: string, title: string, level: number, levelLabel: string, 
/**
 * Evidence items tagged with this criterion that are in the portfolio (the export's rule,
 * `evidence::in_portfolio`: an item without consent is not evidence yet).
 */
evidence: number, 
/**
 * Actions serving this criterion that are planned or in progress.
 */
openActions: number, 
/**
 * Open actions whose due date has passed.
 */
overdueActions: number, };

/**
 * One field of a conflict, as it is here and as the colleague has it.
 */
export type Difference = { field: string, mine: string, theirs: string, };

/**
 * What the draft would put in one account.
 */
export type DraftAccount = { criterionKey: string, number: number, title: string, account: AccountField, 
/**
 * The account as it reads now.
 */
current: string, 
/**
 * What the draft says for it (Markdown).
 */
proposed: string, 
/**
 * True when the account already has text, which importing would replace.
 */
replaces: boolean, };

/**
 * What [`apply`] wrote and what it left as it was.
 */
export type DraftApplied = { written: Array<DraftChoice>, 
/**
 * Accounts that have text and were not chosen to be replaced.
 */
kept: Array<DraftChoice>, };

/**
 * One account chosen in the window.
 */
export type DraftChoice = { criterionKey: string, account: AccountField, };

/**
 * Which field a draft belongs to.
 */
export type DraftKey = { 
/**
 * The screen (`school`, `plan`, `journey`…), as the window names it.
 */
screen: string, 
/**
 * The record on that screen (an id, a criterion key), or "" for a screen with one record.
 */
record: string, 
/**
 * The field (`urn`, `dueDate`…).
 */
field: string, };

/**
 * What a draft would bring in.
 */
export type DraftProposal = { fileName: string, 
/**
 * In the framework's order.
 */
accounts: Array<DraftAccount>, 
/**
 * Text that belongs to no criterion, paragraph by paragraph (an introduction…): left out.
 */
leftOut: Array<string>, };

/**
 * One item's fields as they were before a bulk edit.
 */
export type EvidenceBefore = { id: string, title: string, caption: string, consent: Consent, criteria: Array<string>, };

/**
 * What to change on every chosen item; fields left empty (None, or no keys) are not changed.
 */
export type EvidenceBulkEdit = { 
/**
 * The items, by id, in any order (they are titled in exhibit order).
 */
ids: Array<string>, 
/**
 * The consent to record on every item.
 */
consent: Consent | null, 
/**
 * Criterion keys each item gains (kept if it has them already).
 */
addCriteria: Array<string>, 
/**
 * Criterion keys each item loses.
 */
removeCriteria: Array<string>, 
/**
 * The caption every item gets ("" clears them).
 */
caption: string | null, 
/**
 * The title every item gets; `{n}` in it is the item's place among the chosen ones in exhibit
 * order, counting from 1 ("Refugee Week {n}": Refugee Week 1, Refugee Week 2, …).
 */
title: string | null, };

/**
 * What [`undo`] needs to reverse one bulk edit.
 */
export type EvidenceBulkUndo = { items: Array<EvidenceBefore>, };

/**
 * What to show in the library; empty fields match everything.
 */
export type EvidenceFilter = { text: string, criterion: string | null, kind: EvidenceKind | null, consent: Consent | null, from: string | null, to: string | null, };

/**
 * One piece of evidence as the window shows and edits it.
 */
export type EvidenceItem = { id: string, kind: EvidenceKind, title: string, caption: string, sha256: string | null, mime: string | null, size: number | null, originalName: string, quoteText: string, attribution: string, activityDate: string | null, addedBy: string, keyStage: string, subject: string, peopleIdentifiable: boolean, consent: Consent, anonymised: boolean, includeInExport: boolean, width: number | null, height: number | null, 
/**
 * Pages of a PDF; for a Word, PowerPoint or OpenDocument file, the pages its reading copy
 * takes in the portfolio.
 */
pageCount: number | null, 
/**
 * Why an office document has no reading copy (a code of `office::Problem`: encrypted, legacy,
 * spreadsheet, damaged, too_large); None when it has one or is not an office document.
 */
readingProblem: string | null, 
/**
 * How many embedded objects its reading copy cannot show (a note stands in each one's place).
 */
objectsNotShown: number, 
/**
 * Exhibit order (E1, E2, …).
 */
position: number, 
/**
 * How many areas of the photo are hidden in every picture made from it (see `redact`).
 */
hiddenAreas: number, 
/**
 * Changes whenever the hidden areas do (empty when none): the window puts it in the thumbnail's
 * address, so a picture cached before areas were hidden is never shown after.
 */
thumbTag: string, criteria: Array<string>, 
/**
 * A link's web address (http or https); empty for other kinds.
 */
url: string, 
/**
 * True when GPS or other location data was removed from the stored photo.
 */
locationRemoved: boolean, 
/**
 * Consent to share the item outside school (the school's website, newsletter, poster): separate
 * from the consent for the panel, and no until someone says yes (see `share`).
 */
shareConsent: boolean, 
/**
 * The coordinator's own description of the item for screen readers (empty when none is
 * written: the export then describes it from its caption or title, see `portfolio::alt`).
 */
altText: string, 
/**
 * A quote's language as a BCP 47 tag ("ar", "pl", "pt-BR"), or empty to detect it from the
 * writing (see `richtext::lang`).
 */
lang: string, };

/**
 * What an evidence item is.
 */
export type EvidenceKind = "photo" | "document" | "quote" | "link";

/**
 * One exhibit's number as the window shows it on its tile.
 */
export type ExhibitNumber = { id: string, label: string, };

/**
 * An exhibit as the narrative editor offers it: the label the export will give it ("E3").
 */
export type ExhibitRef = { id: string, label: string, title: string, kind: EvidenceKind, criteria: Array<string>, };

/**
 * What an export produced.
 */
export type ExportReport = { path: string, bytes: number, pages: number, 
/**
 * Titles of evidence left out because consent is not recorded.
 */
leftOut: Array<string>, warnings: Array<string>, };

/**
 * What the export dialog sends.
 */
export type ExportRequest = { path: string, maxMb: number, includeWithoutConsent: boolean, anonymityNote: boolean, 
/**
 * The window's language (`en` or `cy`); the PDF is written in it. Absent means the language
 * chosen in settings.
 */
language: string | null, 
/**
 * What to write: the whole portfolio, the application alone (PDF or, for a .docx path, Word)
 * or the evidence pack alone. Absent means the whole portfolio.
 */
part: Part, 
/**
 * List under each criterion the answers to the latest draft review ("Changes since your
 * comments"). Absent means no.
 */
changesSinceReview?: boolean, };

/**
 * One comment and the school's answer.
 */
export type FeedbackComment = { id: string, roundId: string, 
/**
 * None for a comment about the application as a whole.
 */
criterionKey: string | null, kind: CommentKind, comment: string, response: string, 
/**
 * The words of the reviewed file the comment was anchored to (a Word comment's range, a PDF
 * highlight's words); empty for a comment typed in.
 */
quote: string, 
/**
 * Who wrote it, when it came from a reviewer's file.
 */
author: string, 
/**
 * When the reviewer wrote it, when the file says.
 */
madeOn: string | null, };

/**
 * One round of feedback with its comments in order.
 */
export type FeedbackRound = { id: string, kind: RoundKind, receivedOn: string | null, fromWhom: string, dueDate: string | null, summary: string, 
/**
 * The school's answer to the round as a whole. Nothing in this build writes it (answers go on
 * the comments), but a round brought in from a backup or contribution may carry one, and the
 * portfolio prints it.
 */
response: string, closed: boolean, comments: Array<FeedbackComment>, };

/**
 * The fields of a round the user edits.
 */
export type FeedbackRoundDraft = { kind: RoundKind, receivedOn: string | null, fromWhom: string, dueDate: string | null, summary: string, };

/**
 * One suggested change.
 */
export type FeedbackSuggestion = { id: string, roundId: string, criterionKey: string, field: AccountField, change: SuggestionChange, 
/**
 * The words inserted or deleted.
 */
text: string, 
/**
 * The words right before and after it, as the account read when it was reviewed.
 */
before: string, after: string, author: string, madeOn: string | null, status: SuggestionStatus, };

/**
 * A field's unsaved text and why it was not saved.
 */
export type FieldDraft = { 
/**
 * What was typed.
 */
text: string, 
/**
 * The stored value the text was typed over, as the window shows it ("" for none).
 */
base: string, 
/**
 * The refusal's rule code (one of [`RULE_CODES`]).
 */
code: string, 
/**
 * The values its wording fills in.
 */
params: { [key in string]: Param }, 
/**
 * When it was last put (RFC 3339, UTC); set by [`put`].
 */
updatedAt: string, 
/**
 * The screen (`school`, `plan`, `journey`…), as the window names it.
 */
screen: string, 
/**
 * The record on that screen (an id, a criterion key), or "" for a screen with one record.
 */
record: string, 
/**
 * The field (`urn`, `dueDate`…).
 */
field: string, };

/**
 * A set of criteria grouped in strands, with the scale used to judge each one, and the words the
 * award uses for itself and for the people in it (so nothing the app prints assumes a school).
 */
export type Framework = { id: string, 
/**
 * The programme, e.g. "Schools of Sanctuary" or "Colleges of Sanctuary".
 */
name: string, wording: string, stream: string, 
/**
 * The award an organisation receives, e.g. "School of Sanctuary".
 */
award: string, 
/**
 * What a member organisation is called, in lower case: "school", "college", "library".
 */
organisation: string, 
/**
 * What its learners or users are called, plural, lower case: "pupils", "students", "patients".
 */
learners: string, 
/**
 * The title of the person who leads the organisation, lower case: "headteacher", "principal".
 * For a schools framework the nation may say otherwise (see `nation`).
 */
head: string, 
/**
 * The most pages the application may take; `None` (written `"none"`) when the award sets no limit.
 */
pageLimit: number | "none", 
/**
 * The key of the criterion met by signing the public pledge, or `"none"`.
 */
pledge: string, 
/**
 * Labels of the self-judged audit scale, lowest first; an audit level is an index into it.
 */
levels: Array<string>, 
/**
 * Award levels an organisation may apply for, lowest first (e.g. Member, Champion); often none.
 */
awardLevels?: Array<string>, 
/**
 * The nations whose organisations work to it (e.g. `["Ireland"]`); empty means the four UK nations.
 */
nations?: Array<string>, strands: Array<Strand>, criteria: Array<Criterion>, 
/**
 * Welsh names, each optional: an empty one falls back to the English above.
 */
nameCy?: string, wordingCy?: string, awardCy?: string, organisationCy?: string, 
/**
 * "The organisation" in Welsh, where the rule (`y`, or `yr` before a vowel or h) is not enough:
 * a feminine noun mutates after the article ("prifysgol" becomes "y brifysgol").
 */
theOrganisationCy?: string, learnersCy?: string, headCy?: string, levelsCy?: Array<string>, awardLevelsCy?: Array<string>, };

/**
 * One thing still to do before submitting.
 */
export type Gap = { 
/**
 * Stable code for the UI: no_evidence, audit_not_started, narrative_empty, overdue_actions,
 * unanswered_feedback, no_pledge_date, pledge_again (a renewal's pledge not yet signed again; `date`
 * is the award renewed), no_school_name, too_long, unreadable_document, objects_not_shown (a
 * document whose reading copy shows embedded objects only as a note; `count`), photo_only_file_name
 * (a photo described only by its file name, `file`; `title`).
 */
code: string, criterionKey: string | null, criterionNumber: number | null, 
/**
 * The file a gap is about (unreadable_document), for the window to name it.
 */
file?: string, 
/**
 * The numbers the window's wording of `code` needs beyond the criterion's own (a count of
 * comments; the words, pages and limit of a long application).
 */
params: { [key in string]: Param }, 
/**
 * The English sentence (the CLI prints it; the window words the gap from `code` instead).
 */
message: string, };

/**
 * What the head of a school is called.
 */
export type HeadTitle = "headteacher" | "principal";

/**
 * One hidden area, in fractions of the upright picture (x, y of its top-left corner; w, h its size).
 */
export type HiddenRegion = { x: number, y: number, w: number, h: number, shape: HideShape, };

/**
 * The outline of a hidden area.
 */
export type HideShape = "rect" | "ellipse";

/**
 * How a hidden area looks.
 */
export type HideStyle = "blur" | "block";

/**
 * What a batch did.
 */
export type ImportReport = { 
/**
 * Ids of new items.
 */
added: Array<string>, 
/**
 * Files whose content was already in the library (nothing new was made).
 */
duplicates: Array<string>, refused: Array<Refusal>, 
/**
 * System files skipped without a word (Thumbs.db, .DS_Store, ~$ lock files, …): shown as one count.
 */
systemFiles: number, 
/**
 * Documents that were added but whose contents the panel will not see (password-protected,
 * damaged, legacy .doc/.ppt, spreadsheets), each with what to do.
 */
unreadable: Array<Unreadable>, 
/**
 * Documents whose reading copy shows a note in place of embedded objects it cannot show.
 */
objectsNotShown: Array<ObjectsNotShown>, };

/**
 * One step and its date, if it has happened.
 */
export type JourneyStep = { key: string, label: string, date: string | null, note: string, };

/**
 * The steps with their dates, and the renewal countdown once awarded.
 */
export type JourneyView = { steps: Array<JourneyStep>, renewal: Renewal | null, };

/**
 * A nation whose schools can work towards the award.
 */
export type Nation = "England" | "Wales" | "Scotland" | "Northern Ireland" | "Ireland";

/**
 * What the window needs to label the school's details and the evidence's stage for one nation. The
 * window words `nation`, `head` and `stages` from its own English and Welsh tables; the example and
 * the phases (stored values, in English) are given as they are.
 */
export type NationWords = { nation: Nation, 
/**
 * A made-up identifier of the right shape, in the stored (normalised) form.
 */
identifierExample: string, 
/**
 * Whether the identifier is only digits (and separators), so a numeric keyboard suits it.
 */
identifierNumeric: boolean, head: HeadTitle, keyStages: boolean, stages: StageWords, 
/**
 * The phases a school in this nation may choose, as stored.
 */
phases: Array<string>, };

/**
 * A link to add.
 */
export type NewLink = { url: string, 
/**
 * Defaults to the page's host ("www.brookfield.sch.uk") when empty.
 */
title: string, criteria: Array<string>, 
/**
 * When the page was published or last checked.
 */
date: string | null, note: string, 
/**
 * A screenshot or photo of the page, imported like a photo.
 */
screenshot: string | null, 
/**
 * `given`, `not_needed` or `missing`; None means `missing` with a screenshot (it may show
 * pupils), `not_needed` without.
 */
consent: Consent | null, };

/**
 * A document added whose reading copy cannot show some of its embedded objects.
 */
export type ObjectsNotShown = { file: string, 
/**
 * How many objects.
 */
count: number, };

/**
 * The whole picture.
 */
export type Overview = { schoolName: string, frameworkId: string, frameworkLabel: string, journeyStep: string | null, criteria: Array<CriterionStatus>, };

/**
 * One value for a placeholder: a number (the window may format it) or a text.
 */
export type Param = number | string;

/**
 * The part of the portfolio an export writes.
 */
export type Part = "all" | "application" | "evidence";

/**
 * Which actions to show.
 */
export type PlanFilter = { status: ActionStatus | null, criterion: string | null, 
/**
 * Case-insensitive substring of the owner.
 */
owner: string | null, overdueOnly: boolean, };

/**
 * The plan as the screen shows it.
 */
export type PlanView = { groups: Array<ActionGroup>, 
/**
 * Ids of open actions whose due date has passed.
 */
overdue: Array<string>, 
/**
 * Suggested actions for an empty plan (Refugee Week).
 */
suggestions: Array<ActionDraft>, };

/**
 * A finished award cycle.
 */
export type PreviousAward = { id: string, cycle: number, awardedOn: string | null, frameworkId: string, schoolName: string, renewalStartedAt: string, };

/**
 * How far a job has got.
 */
export type Progress = { 
/**
 * What is happening now, in words for the progress bar.
 */
stage: string, done: number, total: number, };

/**
 * How files that leave the laptop are made.
 */
export type Protection = "passphrase" | "none";

/**
 * The readiness picture.
 */
export type Readiness = { schoolName: string, frameworkLabel: string, criteria: Array<CriterionReadiness>, strands: Array<StrandCoverage>, missing: Array<Gap>, renewal: Renewal | null, 
/**
 * Words across all criteria's application text, and the pages they will take, roughly.
 */
applicationWords: number, estimatedPages: number, 
/**
 * The framework's page limit for the application, if it sets one.
 */
pageLimit: number | null, };

/**
 * All hidden areas of one photo.
 */
export type Redaction = { style: HideStyle, regions: Array<HiddenRegion>, };

/**
 * A file that was not added, and why.
 */
export type Refusal = { file: string, 
/**
 * The rule that refused it (one of `error::RULE_CODES`), which the window words in its language.
 */
code: string, 
/**
 * The values that wording fills in.
 */
params: { [key in string]: Param }, 
/**
 * The same in English words, as the command line prints it.
 */
reason: string, };

/**
 * The register as the current cycle sees it: what it reports on, and what it promises.
 */
export type Register = { 
/**
 * The current award cycle (0 before any renewal).
 */
cycle: number, 
/**
 * Commitments of the finished cycle carried into this one: the re-accreditation report.
 */
carried: Array<Commitment>, 
/**
 * Commitments made in this cycle, for the next three years.
 */
current: Array<Commitment>, };

/**
 * Where the award stands against its renewal date.
 */
export type Renewal = { awardedOn: string, dueOn: string, 
/**
 * Days from `today` to `due_on`; negative once it has passed.
 */
daysLeft: number, 
/**
 * Whole months left (0 in the last month, negative once passed), for "renewal in 5 months".
 */
monthsLeft: number, 
/**
 * Within [`RENEWAL_WARNING_MONTHS`] of the due date (or past it).
 */
dueSoon: boolean, overdue: boolean, 
/**
 * A sentence for the screen, e.g. "Renewal due on 28 February 2027: in 5 months (97 days)".
 */
message: string, };

/**
 * What a restore did.
 */
export type RestoreReport = { schoolName: string, createdAt: string, 
/**
 * Evidence originals restored.
 */
files: number, 
/**
 * Schema of the backup, and of the data folder now (older backups are upgraded).
 */
schemaFrom: number, schemaTo: number, 
/**
 * Where the data that was replaced has been kept, if there was any.
 */
keptAs: string | null, warnings: Array<string>, };

/**
 * What an import did, for the window and the command line.
 */
export type ReviewImportReport = { roundId: string, fromWhom: string, comments: number, suggestions: number, 
/**
 * Remarks that could not be placed on a criterion (kept as general ones).
 */
general: number, 
/**
 * True when this file had been brought in before: nothing was added.
 */
already: boolean, };

/**
 * What kind of feedback a round is.
 */
export type RoundKind = "draft_review" | "panel_appraisal" | "visit" | "further_evidence";

/**
 * The school's details as the coordinator edits them.
 */
export type School = { id: string, name: string, urn: string, phase: string, nation: string, localAuthority: string, address: string, headteacher: string, coordinatorName: string, coordinatorRole: string, coordinatorEmail: string, localLeadOrg: string, localLeadContact: string, localLeadEmail: string, pledgeDate: string | null, webPage: string, frameworkId: string, 
/**
 * The award level applied for (a framework's English label), or empty.
 */
awardLevel: string, 
/**
 * Where the school's sanctuary page (made by `share`) will live on its website, or empty; the
 * reception poster's QR code points here.
 */
shareUrl: string, };

/**
 * What the coordinator picked for the page, in order.
 */
export type ShareChoices = { 
/**
 * The page's title; empty means the default (see [`Content::default_title`]).
 */
title: string, 
/**
 * The introduction; empty means the default, from the pledge and the accounts.
 */
intro: string, 
/**
 * Stories, in order: each an action from the plan with the items told with it.
 */
stories: Array<ShareStoryChoice>, 
/**
 * Items on their own (words, photos, links), in order.
 */
items: Array<string>, };

/**
 * The page's content, resolved: what the preview shows and every file of the folder is made from.
 */
export type ShareContent = { 
/**
 * `en` or `cy`.
 */
language: string, school: string, 
/**
 * The title and introduction used: the coordinator's, or the defaults below when left empty.
 */
title: string, intro: string, 
/**
 * What the title and introduction are when the coordinator types none (from the school's
 * pledge and its accounts), for the window to offer.
 */
defaultTitle: string, defaultIntro: string, stories: Array<ShareStory>, 
/**
 * People's words chosen on their own, in the coordinator's order.
 */
words: Array<SharePiece>, 
/**
 * Photos chosen on their own.
 */
photos: Array<SharePiece>, 
/**
 * Links to other pages chosen on their own.
 */
links: Array<SharePiece>, 
/**
 * The pledge statement, and the date it was signed written out ("" when not recorded).
 */
pledge: string, pledgeDate: string, 
/**
 * The award's date written out, "" until the school is awarded.
 */
awardedOn: string, 
/**
 * The City of Sanctuary site the page links back to.
 */
homeUrl: string, 
/**
 * Chosen items that will not appear, and why.
 */
leftOut: Array<ShareLeftOut>, };

/**
 * A chosen item that will not appear.
 */
export type ShareLeftOut = { id: string, 
/**
 * "E3", or "" for an item no longer in the library or a story's action.
 */
exhibit: string, title: string, 
/**
 * Why, as a code the window words: `no_share_consent`, `document`, `not_found`,
 * `action_not_found` or `unreadable`.
 */
reason: string, };

/**
 * One item as the page shows it.
 */
export type SharePiece = { id: string, 
/**
 * Its exhibit number in the library ("E3").
 */
exhibit: string, 
/**
 * A photo, a quote or a link (a document is never shown on a web page).
 */
kind: EvidenceKind, title: string, 
/**
 * A quote's words, or a photo's caption (never its file name, which may name a pupil).
 */
text: string, 
/**
 * Who said it, as the portfolio attributes it (a year group or role).
 */
attribution: string, 
/**
 * A link's address.
 */
url: string, 
/**
 * A photo's alternative text.
 */
alt: string, 
/**
 * A photo's file in `images/` ("e3.jpg"), and its size once made.
 */
image: string, width: number, height: number, };

/**
 * What was written.
 */
export type ShareReport = { path: string, 
/**
 * The files written, relative to the folder.
 */
files: Array<string>, images: number, leftOut: Array<ShareLeftOut>, };

/**
 * What the Share screen sends to make the folder.
 */
export type ShareRequest = { out: string, choices: ShareChoices, 
/**
 * `en` or `cy`; absent means the language chosen in settings.
 */
language: string | null, };

/**
 * An action from the plan told with its photos and words.
 */
export type ShareStory = { actionId: string, heading: string, pieces: Array<SharePiece>, };

/**
 * One story: an action of the plan and the evidence ids told with it, in order.
 */
export type ShareStoryChoice = { actionId: string, items: Array<string>, };

/**
 * How an evidence item's stage is named: key stages or year groups (England, Wales, Northern
 * Ireland), Scotland's stages (P1–S6, Curriculum for Excellence levels), or Ireland's classes and years.
 */
export type StageWords = "key_stage" | "scottish_stage" | "irish_class";

/**
 * A group of criteria, e.g. Learn.
 */
export type Strand = { key: string, name: string, summary: string, nameCy?: string, summaryCy?: string, };

/**
 * How far one strand has got; the coverage chart draws these.
 */
export type StrandCoverage = { key: string, name: string, criteria: number, withEvidence: number, 
/**
 * Criteria whose audit is past the lowest level.
 */
audited: number, withNarrative: number, ready: number, };

/**
 * What a tracked change does.
 */
export type SuggestionChange = "insert" | "delete";

/**
 * Where the school is with a suggestion.
 */
export type SuggestionStatus = "open" | "accepted" | "declined";

/**
 * A document kept as evidence whose contents the panel will not see, and what to do about it.
 */
export type Unreadable = { file: string, 
/**
 * The code of `office::Problem` (encrypted, legacy, spreadsheet, damaged, too_large), which
 * the window words in the chosen language.
 */
code: string, 
/**
 * The same in English words, with the advice ("save it as .docx or PDF and add it again").
 */
reason: string, };

/**
 * An error on its way to the window.
 */
export type WireError = { code: string, params: { [key in string]: Param }, message: string, };

/** Every command the window may call: its arguments and what it resolves to. */
export interface Commands {
  accept_suggestion: { args: { id: string }; result: FeedbackSuggestion };
  active_framework: { args: Record<string, never>; result: Framework };
  add_action: { args: { draft: ActionDraft }; result: ActionItem };
  add_commitment: { args: { draft: CommitmentDraft }; result: Commitment };
  add_evidence: { args: { request: AddRequest; onProgress: Channel<Progress> }; result: ImportReport };
  add_feedback_comment: { args: { roundId: string; criterionKey?: string | null; kind: CommentKind; text: string }; result: FeedbackComment };
  add_feedback_round: { args: { draft: FeedbackRoundDraft }; result: FeedbackRound };
  add_link: { args: { link: NewLink }; result: EvidenceItem };
  add_quote: { args: { text: string; attribution: string; criteria: Array<string> }; result: EvidenceItem };
  application_length: { args: { key: string; draft: string }; result: ApplicationLength };
  apply_draft: { args: { path: string; chosen: Array<DraftChoice> }; result: DraftApplied };
  backup_now: { args: { path: string; passphrase?: string | null; onProgress: Channel<Progress> }; result: BackupReport };
  backup_protection: { args: Record<string, never>; result: Protection };
  bulk_edit_evidence: { args: { edit: EvidenceBulkEdit }; result: EvidenceBulkUndo };
  cancel_job: { args: Record<string, never>; result: void };
  clear_draft: { args: { key: DraftKey }; result: boolean };
  commitments_register: { args: Record<string, never>; result: Register };
  copy_backup_off: { args: { source: string; dest: string; passphrase?: string | null; onProgress: Channel<Progress> }; result: number };
  decline_suggestion: { args: { id: string }; result: FeedbackSuggestion };
  default_export_name: { args: { part?: Part | null; word?: boolean | null }; result: string };
  delete_action: { args: { id: string }; result: void };
  delete_commitment: { args: { id: string }; result: void };
  delete_evidence: { args: { id: string }; result: void };
  delete_feedback_comment: { args: { id: string }; result: void };
  delete_feedback_round: { args: { id: string }; result: void };
  dismiss_suggestions: { args: Record<string, never>; result: void };
  draft_proposal: { args: { path: string }; result: DraftProposal };
  export_contribution: { args: { path: string; by: string; passphrase?: string | null; onProgress: Channel<Progress> }; result: ContributionExport };
  export_portfolio: { args: { request: ExportRequest; onProgress: Channel<Progress> }; result: ExportReport };
  feedback_rounds: { args: Record<string, never>; result: Array<FeedbackRound> };
  feedback_suggestions: { args: Record<string, never>; result: Array<FeedbackSuggestion> };
  get_language: { args: Record<string, never>; result: string };
  get_redaction: { args: { id: string }; result: Redaction };
  get_school: { args: Record<string, never>; result: School };
  import_contribution: { args: { path: string; passphrase?: string | null; onProgress: Channel<Progress> }; result: ContributionImport };
  import_framework: { args: { path: string }; result: Framework };
  import_review: { args: { path: string; kind?: RoundKind | null }; result: ReviewImportReport };
  inspect_backup: { args: { path: string; passphrase?: string | null }; result: BundleInfo };
  journey_view: { args: Record<string, never>; result: JourneyView };
  list_audit: { args: Record<string, never>; result: Array<AuditRow> };
  list_backups: { args: Record<string, never>; result: Array<BackupEntry> };
  list_conflicts: { args: Record<string, never>; result: Array<Conflict> };
  list_drafts: { args: { screen?: string | null }; result: Array<FieldDraft> };
  list_evidence: { args: { filter: EvidenceFilter }; result: Array<EvidenceItem> };
  list_evidence_page: { args: { offset: number; limit: number }; result: Array<EvidenceItem> };
  list_exhibit_numbers: { args: { first?: number | null }; result: Array<ExhibitNumber> };
  list_exhibits: { args: Record<string, never>; result: Array<ExhibitRef> };
  list_frameworks: { args: Record<string, never>; result: Array<Framework> };
  load_demo: { args: { replace: boolean }; result: School };
  make_share_folder: { args: { request: ShareRequest }; result: ShareReport };
  nation_words: { args: { nation?: string | null }; result: NationWords };
  open_data_folder: { args: { takeOver: boolean }; result: Array<WireError> };
  open_export: { args: Record<string, never>; result: void };
  overview: { args: Record<string, never>; result: Overview };
  plan_view: { args: { byMonth: boolean; filter: PlanFilter }; result: PlanView };
  put_draft: { args: { draft: FieldDraft }; result: FieldDraft };
  readiness: { args: Record<string, never>; result: Readiness };
  redaction_preview: { args: { id: string }; result: ArrayBuffer };
  resolve_conflict: { args: { id: string; choice: Choice }; result: void };
  respond_to_feedback: { args: { id: string; response: string }; result: FeedbackComment };
  restore_backup: { args: { path: string; replace: boolean; passphrase?: string | null; onProgress: Channel<Progress> }; result: RestoreReport };
  reveal_export: { args: Record<string, never>; result: void };
  save_school: { args: { school: School }; result: School };
  save_share_choices: { args: { choices: ShareChoices }; result: void };
  set_action_status: { args: { id: string; status: ActionStatus }; result: ActionItem };
  set_audit: { args: { key: string; patch: AuditPatch }; result: AuditEntry };
  set_backup_protection: { args: { choice: Protection }; result: Protection };
  set_commitment_outcome: { args: { id: string; outcome: string }; result: Commitment };
  set_feedback_comment_kind: { args: { id: string; kind: CommentKind }; result: FeedbackComment };
  set_journey_step: { args: { key: string; date?: string | null; note: string }; result: JourneyStep };
  set_language: { args: { code: string }; result: string };
  set_narrative: { args: { key: string; body: string }; result: void };
  set_redaction: { args: { id: string; redaction: Redaction; consent?: Consent | null }; result: EvidenceItem };
  set_share_consent: { args: { ids: Array<string>; yes: boolean }; result: Array<EvidenceItem> };
  share_choices: { args: Record<string, never>; result: ShareChoices };
  share_preview: { args: { choices: ShareChoices; languageCode?: string | null }; result: ShareContent };
  start_renewal: { args: { coordinator?: string | null }; result: PreviousAward };
  suggest_faces: { args: { id: string }; result: Array<HiddenRegion> };
  undo_bulk_edit_evidence: { args: { undo: EvidenceBulkUndo }; result: void };
  undo_delete_action: { args: { id: string }; result: ActionItem };
  undo_delete_commitment: { args: { id: string }; result: Commitment };
  undo_delete_evidence: { args: { id: string }; result: EvidenceItem };
  undo_delete_feedback_comment: { args: { id: string }; result: FeedbackComment };
  undo_delete_feedback_round: { args: { id: string }; result: FeedbackRound };
  undo_suggestion: { args: { id: string }; result: FeedbackSuggestion };
  update_action: { args: { id: string; draft: ActionDraft }; result: ActionItem };
  update_commitment: { args: { id: string; draft: CommitmentDraft }; result: Commitment };
  update_evidence: { args: { item: EvidenceItem }; result: EvidenceItem };
  update_feedback_comment: { args: { id: string; criterionKey?: string | null; kind: CommentKind; text: string }; result: FeedbackComment };
  update_feedback_round: { args: { id: string; draft: FeedbackRoundDraft }; result: FeedbackRound };
}
